package hub

import (
	"context"
	"fmt"
	"strings"

	"opinionwall/kiosk"
)

// ItemDraft is what a worker writes to make a deliberation item.
type ItemDraft struct {
	Title, TitleEn, Description, Topic string
	Cases                              []string // the opinions' case ids
	Photo                              []byte   // optional
}

// ItemView is an item as the station's screens show it: with the live
// tally of its vote and what the rule would decide.
type ItemView struct {
	Item
	Tally    Tally
	Proposed ItemResult
	Carries  bool
	Why      string
}

// mayItem refuses (EFORBIDDEN) a step the worker's role may not take:
// workers and leads make items, link opinions and keep progress; only a
// lead puts an item to the vote, confirms the result, starts and
// finishes it.
func (w Worker) mayItem(k ItemActionKind) error {
	if err := w.signedIn(); err != nil {
		return err
	}
	ok := w.Role.Replies()
	switch k {
	case ItemVote, ItemDecide, ItemStart, ItemFinish:
		ok = w.Role.Moderates()
	}
	if !ok {
		return kiosk.Errorf(kiosk.EFORBIDDEN, "a %s may not %s", w.Role, k)
	}
	return nil
}

func (d *Desk) delib() (DeliberationStore, error) {
	if d.Delib == nil {
		return nil, refusal(kiosk.EINVALID, "delib.none", "deliberation is not set up at this station")
	}
	return d.Delib, nil
}

// CreateItem makes a deliberation item in 征集 from opinions; each opinion
// shows the item in its case and the resident's lookup hears of it.
func (d *Desk) CreateItem(ctx context.Context, w Worker, dr ItemDraft) (Item, error) {
	if err := w.mayItem(ItemLink); err != nil {
		return Item{}, err
	}
	st, err := d.delib()
	if err != nil {
		return Item{}, err
	}
	var ext string
	if len(dr.Photo) > 0 {
		if ext, err = PhotoExt(dr.Photo); err != nil {
			return Item{}, err
		}
	}
	n, err := st.NextItemNumber(ctx)
	if err != nil {
		return Item{}, err
	}
	now := d.Now()
	it, err := NewItem(n, dr.Title, dr.TitleEn, dr.Description, dr.Topic, dr.Cases, w.ID, now)
	if err != nil {
		return it, err
	}
	changes, err := d.linkCases(ctx, w, &it, it.Cases)
	if err != nil {
		return it, err
	}
	if it.Topic == "" && len(changes) > 0 {
		it.Topic = changes[0].Case.Topic
	}
	if len(dr.Photo) > 0 {
		it.Photo = it.ID + ext
		if err := st.PutPhoto(ctx, it.Photo, dr.Photo); err != nil {
			return it, err
		}
	}
	rec := Audit{Case: it.AuditID(), Worker: w.ID, At: now, Action: "item_create", To: kiosk.TicketStatus(it.Stage),
		Detail: fmt.Sprintf("%s (%d)", it.Title.Zh, len(it.Cases))}
	if err := st.SaveItem(ctx, it, -1, rec, changes); err != nil {
		return it, err
	}
	d.notify()
	return it, nil
}

// linkCases takes the opinions into the item: each case's change, audit
// and ticket update.
func (d *Desk) linkCases(ctx context.Context, w Worker, it *Item, ids []string) ([]CaseChange, error) {
	var out []CaseChange
	now := d.Now()
	for _, id := range ids {
		c, _, err := d.Store.Case(ctx, id)
		if err != nil {
			return nil, err
		}
		old := c
		a := Action{Kind: ActLinkItem, Route: Routing{DelibItem: it.ID, DelibTitle: it.Title}}
		rec, err := c.Apply(a, w, now, d.Checklist, nil)
		if err != nil {
			return nil, fmt.Errorf("opinion %s: %w", kiosk.FormatTicket(c.Ticket), err)
		}
		ch := CaseChange{Case: c, Prev: old.Version, Audit: rec}
		if c.Visible(old) {
			u := c.TicketUpdate()
			ch.Update = &u
		}
		out = append(out, ch)
	}
	return out, nil
}

// Items returns the community's list with each vote's live tally and
// what the rule would decide.
func (d *Desk) Items(ctx context.Context, w Worker) ([]ItemView, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	st, err := d.delib()
	if err != nil {
		return nil, err
	}
	items, err := st.Items(ctx)
	if err != nil {
		return nil, err
	}
	set, err := st.DeliberationSettings(ctx)
	if err != nil {
		return nil, err
	}
	polls, err := d.Store.Polls(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ItemView, len(items))
	for i := range items {
		out[i].Item = items[i]
		if items[i].Stage != StageVoting {
			continue
		}
		if out[i].Tally, err = d.itemTally(ctx, polls, items[i].Poll); err != nil {
			return nil, err
		}
		t := out[i].Tally
		out[i].Proposed = ItemResult{Agree: t.Counted[OptAgree], Disagree: t.Counted[OptDisagree], Abstain: t.Counted[OptAbstain], Play: t.PlayTotal()}
		out[i].Carries, out[i].Why = set.Rule.Decide(out[i].Proposed)
	}
	return out, nil
}

func (d *Desk) itemTally(ctx context.Context, polls []Poll, id string) (Tally, error) {
	for i := range polls {
		if polls[i].ID == id {
			votes, err := d.Store.Votes(ctx, id)
			if err != nil {
				return Tally{}, err
			}
			return polls[i].Count(votes), nil
		}
	}
	return Tally{}, kiosk.Errorf(kiosk.ENOTFOUND, "no poll %s", id)
}

// ItemHistory returns an item's audit trail, oldest first.
func (d *Desk) ItemHistory(ctx context.Context, w Worker, id string) ([]Audit, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	return d.Store.History(ctx, "item:"+id)
}

// ItemPhoto returns a photo stored with an item or its progress.
func (d *Desk) ItemPhoto(ctx context.Context, w Worker, name string) ([]byte, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	st, err := d.delib()
	if err != nil {
		return nil, err
	}
	return st.Photo(ctx, name)
}

// Deliberation returns the deliberation settings.
func (d *Desk) Deliberation(ctx context.Context, w Worker) (DeliberationSettings, error) {
	if err := w.signedIn(); err != nil {
		return DeliberationSettings{}, err
	}
	st, err := d.delib()
	if err != nil {
		return DeliberationSettings{}, err
	}
	return st.DeliberationSettings(ctx)
}

// SetDeliberation stores new settings (a lead's), then tells the kiosks
// of the deliberation day.
func (d *Desk) SetDeliberation(ctx context.Context, w Worker, s DeliberationSettings) error {
	if err := w.mayRunPolls("change the deliberation settings"); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return err
	}
	st, err := d.delib()
	if err != nil {
		return err
	}
	day := s.Day
	rec := Audit{Case: "settings:deliberation", Worker: w.ID, At: d.Now(), Action: "settings",
		Detail: strings.TrimSpace(fmt.Sprintf("day %s %s-%s live %v; turnout %d, majority %d%%", day.Date, day.From, day.To, day.LiveTallies, s.Rule.MinTurnout, s.Rule.MajorityPct))}
	if err := st.PutDeliberationSettings(ctx, s, rec); err != nil {
		return err
	}
	if _, err := d.RefreshPolls(ctx); err != nil {
		return fmt.Errorf("the settings are saved, the kiosks' copy is not: %w", err)
	}
	return nil
}
