package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"opinionwall/kiosk"
)

// Desk is the station's work: the rules of who may do what and see what,
// the audit trail, the ticket updates for kiosks and the wall and polls
// snapshots. The review app's screens call it, and only it: every read
// takes the logged-in worker and returns what their role may see.
type Desk struct {
	Store     DeskStore
	Checklist *Checklist
	// Delib keeps the deliberation items and settings; nil leaves
	// deliberation out (the items' methods refuse).
	Delib DeliberationStore
	Now   func() time.Time
	// Notify wakes whatever sends ticket updates and snapshots to the
	// kiosks; nil for none.
	Notify func()
	// Settings keeps the targets and reply templates; nil: the default
	// targets and no templates.
	Settings SettingsStore
	// Lockouts keeps the wrong-PIN counts and locks, so that a restart
	// does not forget them and every client of the service shares them;
	// nil keeps them in memory.
	Lockouts LockoutStore
	// Voice keeps voice messages' audio; nil: no recordings to play.
	Voice VoiceStore
	// VoicePacks carries the booths' voice packs (SendVoicePack); nil:
	// this station sends none.
	VoicePacks VoicePackPusher

	mu   sync.Mutex // one PIN check at a time: the lock is read, then written
	lock Lockout
}

// ErrPIN is a wrong PIN or an unknown worker.
var ErrPIN = kiosk.Errorf(kiosk.EUNAUTHORIZED, "wrong worker or PIN")

// Login checks a worker's PIN. After MaxPINFailures wrong PINs in a row
// the worker waits PINLockout, whichever client they try from and across
// restarts when Lockouts is the station's store. A right PIN shorter than
// MinPINDigits (set before that was the rule) is refused too, until a
// lead sets a new one (`hub worker pin`).
func (d *Desk) Login(ctx context.Context, id, pin string) (Worker, error) {
	ws, err := d.Store.Workers(ctx)
	if err != nil {
		return Worker{}, err
	}
	var w Worker
	for _, x := range ws {
		if x.ID == id {
			w = x
		}
	}
	if w.ID == "" {
		return Worker{}, ErrPIN
	}
	locks := d.Lockouts
	if locks == nil {
		locks = &d.lock
	}
	now := d.Now()
	d.mu.Lock()
	defer d.mu.Unlock()
	l, err := locks.PINLock(ctx, id)
	if err != nil {
		return Worker{}, err
	}
	if l.Locked(now) {
		return Worker{}, refusal(kiosk.EUNAUTHORIZED, "locked", "too many wrong PINs: try again after %s", l.Until)
	}
	ok := w.CheckPIN(pin)
	if err := locks.PutPINLock(ctx, id, l.After(ok, now)); err != nil {
		return Worker{}, err
	}
	if !ok {
		return Worker{}, ErrPIN
	}
	if len(pin) < MinPINDigits {
		return Worker{}, refusal(kiosk.EUNAUTHORIZED, "pin.short", "this PIN has fewer than %d digits: ask a lead to set a new one (hub worker pin)", MinPINDigits)
	}
	return w, nil
}

// workerMap returns the workers by id.
func (d *Desk) workerMap(ctx context.Context) (map[string]Worker, error) {
	ws, err := d.Store.Workers(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]Worker, len(ws))
	for _, w := range ws {
		m[w.ID] = w
	}
	return m, nil
}

// Act applies a worker's action to the case as they saw it (version), with
// its audit record; the kiosk hears of changes residents see, and the wall
// is rebuilt when what it shows changed. It returns the case as it is
// now, as the worker may see it.
func (d *Desk) Act(ctx context.Context, w Worker, id string, version int64, a Action) (Case, error) {
	c, err := d.act(ctx, w, id, version, a)
	if c.ID == "" {
		return c, err
	}
	cs := []Case{c}
	if serr := d.shapeCases(ctx, w.Role, cs); serr != nil {
		return w.Role.shapeCase(c, nil), errors.Join(err, serr)
	}
	return cs[0], err
}

func (d *Desk) act(ctx context.Context, w Worker, id string, version int64, a Action) (Case, error) {
	if err := w.mayAct(a.Kind); err != nil {
		return Case{}, err
	}
	c, _, err := d.Store.Case(ctx, id)
	if err != nil {
		return Case{}, err
	}
	if c.Version != version {
		return c, ErrConflict
	}
	workers, err := d.workerMap(ctx)
	if err != nil {
		return c, err
	}
	if a.Kind == ActDuplicate {
		if _, err := d.Store.CaseByTicket(ctx, a.Of); err != nil {
			return c, fmt.Errorf("duplicate of %s: %w", a.Of, err)
		}
	}
	old := c
	rec, err := c.Apply(a, w, d.Now(), d.Checklist, workers)
	if err != nil {
		return old, err
	}
	var upd *kiosk.TicketUpdate
	if c.Visible(old) {
		u := c.TicketUpdate()
		upd = &u
	}
	if err := d.Store.SaveCase(ctx, c, old.Version, rec, upd); err != nil {
		return old, err
	}
	onWall := !old.PublishedAt.IsZero() || !c.PublishedAt.IsZero()
	if onWall && (old.PublishedAt != c.PublishedAt || old.Reply != c.Reply || old.ReplyEn != c.ReplyEn || old.WallText != c.WallText) {
		if err := d.RefreshWall(ctx); err != nil {
			return c, fmt.Errorf("the case is saved, the wall is not: %w", err)
		}
	}
	d.notify()
	return c, nil
}

func (d *Desk) notify() {
	if d.Notify != nil {
		d.Notify()
	}
}

// SuggestAssignee returns the worker who looks after the case's building
// (包楼), or "" when none does.
func (d *Desk) SuggestAssignee(ctx context.Context, c Case) (string, error) {
	if c.Building == "" {
		return "", nil
	}
	m, err := d.Store.Buildings(ctx)
	if err != nil {
		return "", err
	}
	return m[c.Building], nil
}

// RefreshWall rebuilds the wall snapshot from the published cases, with
// the month's figures (figures.go), and stores it with a new version for
// the kiosks.
func (d *Desk) RefreshWall(ctx context.Context) error {
	cases, err := d.Store.Published(ctx, WallSize)
	if err != nil {
		return err
	}
	prev, _, err := d.Store.Snapshot(ctx, SnapshotWall)
	if err != nil {
		return err
	}
	fig, err := d.MonthFigures(ctx, d.Now())
	if err != nil {
		return err
	}
	w := BuildWall(cases, NextVersion(prev, d.Now()))
	if w.Projects, err = d.projects(ctx); err != nil {
		return err
	}
	w.Figures = &fig
	if err := d.wallPhotos(ctx, &w); err != nil {
		return err
	}
	b, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("wall: %w", err)
	}
	return d.Store.PutSnapshot(ctx, SnapshotWall, w.Version, b)
}

// IsConflict reports whether err is a lost update.
func IsConflict(err error) bool {
	return errors.Is(err, ErrConflict) || kiosk.ErrorCode(err) == kiosk.ECONFLICT
}
