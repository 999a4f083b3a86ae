package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// What the station's screens read, each through the Desk and shaped for
// the worker's role before it leaves the domain.

// Roster returns the station's workers as the log-in screen and the
// assignment lists show them: names, ids and roles, no PIN hashes.
func (d *Desk) Roster(ctx context.Context) ([]Worker, error) {
	ws, err := d.Store.Workers(ctx)
	if err != nil {
		return nil, err
	}
	for i := range ws {
		ws[i] = publicWorker(ws[i])
	}
	return ws, nil
}

// Inbox returns a page of the cases the filter selects, with the counts
// of each filter's choices, as the worker may see them.
func (d *Desk) Inbox(ctx context.Context, w Worker, f Filter) (Inbox, error) {
	if err := w.mayFilter(f); err != nil {
		return Inbox{}, err
	}
	in, err := d.Store.Inbox(ctx, f)
	if err != nil {
		return in, err
	}
	return in, d.shapeCases(ctx, w.Role, in.Cases)
}

// ContactReader is a store that reads the contact details of many
// submissions at once; a store without it is read case by case.
type ContactReader interface {
	// Contacts returns the contact details left with each of the
	// submissions ids that has some.
	Contacts(ctx context.Context, ids []string) (map[string]*kiosk.Contact, error)
}

// shapeCases shapes cases for the role in place. A role that may not see
// contact details gets each text masked with its resident's contact in
// hand.
func (d *Desk) shapeCases(ctx context.Context, r Role, cs []Case) error {
	if r.SeesContact() || len(cs) == 0 {
		return nil
	}
	contacts := map[string]*kiosk.Contact{}
	if cr, ok := d.Store.(ContactReader); ok {
		ids := make([]string, len(cs))
		for i := range cs {
			ids[i] = cs[i].ID
		}
		var err error
		if contacts, err = cr.Contacts(ctx, ids); err != nil {
			return fmt.Errorf("masking cases: %w", err)
		}
	} else {
		for i := range cs {
			_, rcv, err := d.Store.Case(ctx, cs[i].ID)
			if err != nil {
				return fmt.Errorf("masking case %s: %w", cs[i].ID, err)
			}
			contacts[cs[i].ID] = rcv.Body.Contact
		}
	}
	for i := range cs {
		cs[i] = r.shapeCase(cs[i], contacts[cs[i].ID])
	}
	return nil
}

// EachCase calls fn for every case the filter selects, newest first,
// ignoring paging, as the worker may see them (the work ledger).
func (d *Desk) EachCase(ctx context.Context, w Worker, f Filter, fn func(Case) error) error {
	if err := w.mayFilter(f); err != nil {
		return err
	}
	if w.Role.SeesContact() {
		return d.Store.EachCase(ctx, f, fn)
	}
	// Collected first: masking reads each submission, and the store's
	// iteration holds a connection.
	var cs []Case
	if err := d.Store.EachCase(ctx, f, func(c Case) error { cs = append(cs, c); return nil }); err != nil {
		return err
	}
	if err := d.shapeCases(ctx, w.Role, cs); err != nil {
		return err
	}
	for _, c := range cs {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// Case returns one case as the worker may see it, with what the resident
// sent, its history and the building's worker.
func (d *Desk) Case(ctx context.Context, w Worker, id string) (CaseView, error) {
	if err := w.signedIn(); err != nil {
		return CaseView{}, err
	}
	c, rcv, err := d.Store.Case(ctx, id)
	if err != nil {
		return CaseView{}, err
	}
	hist, err := d.Store.History(ctx, id)
	if err != nil {
		return CaseView{}, fmt.Errorf("history: %w", err)
	}
	suggested, err := d.SuggestAssignee(ctx, c)
	if err != nil {
		return CaseView{}, fmt.Errorf("buildings: %w", err)
	}
	return newCaseView(w.Role, c, rcv, hist, suggested), nil
}

// Published returns the cases on the wall, newest first, at most limit,
// as the worker may see them.
func (d *Desk) Published(ctx context.Context, w Worker, limit int) ([]Case, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	cs, err := d.Store.Published(ctx, limit)
	if err != nil {
		return nil, err
	}
	return cs, d.shapeCases(ctx, w.Role, cs)
}

// Polls returns every poll with its live tally (probable play apart).
func (d *Desk) Polls(ctx context.Context, w Worker) ([]PollView, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	ps, err := d.Store.Polls(ctx)
	if err != nil {
		return nil, err
	}
	tallies, err := d.Tallies(ctx, ps)
	if err != nil {
		return nil, err
	}
	out := make([]PollView, len(ps))
	for i, p := range ps {
		out[i] = PollView{Poll: p, Tally: tallies[p.ID]}
	}
	return out, nil
}

// Stats returns the statistics of [from, to).
func (d *Desk) Stats(ctx context.Context, w Worker, from, to time.Time) (Stats, error) {
	if err := w.signedIn(); err != nil {
		return Stats{}, err
	}
	return d.Store.Stats(ctx, from, to)
}

// KioskView is a kiosk as the fleet screen shows it: its record, its
// telemetry decoded and its alerts now.
type KioskView struct {
	Kiosk
	Telemetry kiosk.Telemetry
	Alerts    []Alert
}

// Fleet returns the kiosks with their telemetry and alerts.
func (d *Desk) Fleet(ctx context.Context, w Worker) ([]KioskView, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	ks, err := d.Store.Kiosks(ctx)
	if err != nil {
		return nil, err
	}
	now := d.Now()
	out := make([]KioskView, len(ks))
	for i, k := range ks {
		out[i] = KioskView{Kiosk: k, Alerts: Alerts(k, now)}
		if len(k.Telemetry) > 0 {
			_ = json.Unmarshal(k.Telemetry, &out[i].Telemetry) // unreadable telemetry is among the alerts
		}
	}
	return out, nil
}

// mayFilter refuses a search for personal data (a phone, ID-card or room
// number) by a worker who may not see it: the search runs over the whole
// text, so its hits would confirm what the masked view hides.
func (w Worker) mayFilter(f Filter) error {
	if err := w.signedIn(); err != nil {
		return err
	}
	if !w.Role.SeesContact() && Redact(f.Search) != f.Search {
		return kiosk.Errorf(kiosk.EFORBIDDEN, "a %s may not search for phone, ID-card or room numbers", w.Role)
	}
	return nil
}
