package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	"opinionwall/kiosk"
)

// Desk is the station's work: the rules of who may do what to a case, the
// audit trail, the ticket updates for kiosks and the wall and polls
// snapshots. The review app's screens call it; it calls the store.
type Desk struct {
	Store     StationStore
	Checklist *Checklist
	Now       func() time.Time
	// Notify wakes whatever sends ticket updates and snapshots to the
	// kiosks; nil for none.
	Notify func()

	mu   sync.Mutex
	lock Lockout
}

// ErrPIN is a wrong PIN or an unknown worker.
var ErrPIN = kiosk.Errorf(kiosk.EINVALID, "wrong worker or PIN")

// Login checks a worker's PIN. After MaxPINFailures wrong PINs in a row
// the worker waits PINLockout.
func (d *Desk) Login(ctx context.Context, id, pin string) (Worker, error) {
	now := d.Now()
	d.mu.Lock()
	until, locked := d.lock.Locked(id, now)
	d.mu.Unlock()
	if locked {
		return Worker{}, kiosk.Errorf(kiosk.EUNAVAILABLE, "too many wrong PINs: try again after %s", until.Format("15:04"))
	}
	ws, err := d.Store.Workers(ctx)
	if err != nil {
		return Worker{}, err
	}
	for _, w := range ws {
		if w.ID == id {
			ok := w.CheckPIN(pin)
			d.mu.Lock()
			d.lock.Record(id, ok, now)
			d.mu.Unlock()
			if ok {
				return w, nil
			}
			return Worker{}, ErrPIN
		}
	}
	return Worker{}, ErrPIN
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
// is rebuilt when what it shows changed.
func (d *Desk) Act(ctx context.Context, w Worker, id string, version int64, a Action) (Case, error) {
	if !w.Allowed(a.Kind) {
		return Case{}, kiosk.Errorf(kiosk.EINVALID, "a %s may not %s", w.Role, a.Kind)
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

// RefreshWall rebuilds the wall snapshot from the published cases and
// stores it with a new version for the kiosks.
func (d *Desk) RefreshWall(ctx context.Context) error {
	cases, err := d.Store.Published(ctx, WallSize)
	if err != nil {
		return err
	}
	prev, _, err := d.Store.Snapshot(ctx, SnapshotWall)
	if err != nil {
		return err
	}
	w := BuildWall(cases, NextVersion(prev, d.Now()))
	b, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("wall: %w", err)
	}
	return d.Store.PutSnapshot(ctx, SnapshotWall, w.Version, b)
}

// Tallies counts the votes of every poll.
func (d *Desk) Tallies(ctx context.Context, polls []Poll) (map[string]Tally, error) {
	out := make(map[string]Tally, len(polls))
	for i := range polls {
		votes, err := d.Store.Votes(ctx, polls[i].ID)
		if err != nil {
			return nil, err
		}
		out[polls[i].ID] = polls[i].Count(votes)
	}
	return out, nil
}

// RefreshPolls rebuilds the polls snapshot for now and stores it with a
// new version if the kiosks would see something different (a poll opened,
// closed, or its results were published). It reports whether it did.
func (d *Desk) RefreshPolls(ctx context.Context) (bool, error) {
	polls, err := d.Store.Polls(ctx)
	if err != nil {
		return false, err
	}
	// Only published results need counting (this runs every few seconds).
	var counted []Poll
	for _, p := range polls {
		if p.State == PollClosed && p.ResultsPublished {
			counted = append(counted, p)
		}
	}
	tallies, err := d.Tallies(ctx, counted)
	if err != nil {
		return false, err
	}
	now := d.Now()
	next := BuildPolls(polls, tallies, now, 0)
	prev, raw, err := d.Store.Snapshot(ctx, SnapshotPolls)
	if err != nil {
		return false, err
	}
	if prev > 0 {
		var old kiosk.PollsSnapshot
		if json.Unmarshal(raw, &old) == nil {
			old.Version = 0
			if samePolls(old, next) {
				return false, nil
			}
		}
	}
	next.Version = NextVersion(prev, now)
	b, err := json.Marshal(next)
	if err != nil {
		return false, fmt.Errorf("polls: %w", err)
	}
	if err := d.Store.PutSnapshot(ctx, SnapshotPolls, next.Version, b); err != nil {
		return false, err
	}
	d.notify()
	return true, nil
}

// samePolls compares two snapshots as the kiosks read them (through JSON,
// so times compare by value).
func samePolls(a, b kiosk.PollsSnapshot) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	var x, y any
	if json.Unmarshal(ja, &x) != nil || json.Unmarshal(jb, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// PollAction is what a worker does to a poll.
type PollAction string

// Poll actions.
const (
	PollActOpen    PollAction = "open"
	PollActClose   PollAction = "close"
	PollActResults PollAction = "publish_results"
)

// CreatePoll stores a new draft poll.
func (d *Desk) CreatePoll(ctx context.Context, w Worker, p Poll) error {
	if !w.Role.Moderates() {
		return kiosk.Errorf(kiosk.EINVALID, "a %s may not create polls", w.Role)
	}
	ps, err := d.Store.Polls(ctx)
	if err != nil {
		return err
	}
	for _, q := range ps {
		if q.ID == p.ID {
			return kiosk.Errorf(kiosk.ECONFLICT, "there is already a poll %s", p.ID)
		}
	}
	return d.Store.PutPoll(ctx, p, Audit{Case: "poll:" + p.ID, Worker: w.ID, At: d.Now(), Action: "poll_create", Detail: p.Title.Zh})
}

// PollAct opens, closes or publishes the results of a poll, then
// refreshes the polls snapshot.
func (d *Desk) PollAct(ctx context.Context, w Worker, id string, act PollAction) (Poll, error) {
	if !w.Role.Moderates() {
		return Poll{}, kiosk.Errorf(kiosk.EINVALID, "a %s may not run polls", w.Role)
	}
	ps, err := d.Store.Polls(ctx)
	if err != nil {
		return Poll{}, err
	}
	var p *Poll
	for i := range ps {
		if ps[i].ID == id {
			p = &ps[i]
		}
	}
	if p == nil {
		return Poll{}, kiosk.Errorf(kiosk.ENOTFOUND, "no poll %s", id)
	}
	now := d.Now()
	switch act {
	case PollActOpen:
		err = p.Open(now)
	case PollActClose:
		err = p.Close(now)
	case PollActResults:
		err = p.PublishResults()
	default:
		err = kiosk.Errorf(kiosk.EINVALID, "unknown poll action %q", act)
	}
	if err != nil {
		return *p, err
	}
	if err := d.Store.PutPoll(ctx, *p, Audit{Case: "poll:" + p.ID, Worker: w.ID, At: now, Action: ActionKind("poll_" + string(act))}); err != nil {
		return *p, err
	}
	if _, err := d.RefreshPolls(ctx); err != nil {
		return *p, fmt.Errorf("the poll is saved, the kiosks' copy is not: %w", err)
	}
	return *p, nil
}

// IsConflict reports whether err is a lost update.
func IsConflict(err error) bool {
	return errors.Is(err, ErrConflict) || kiosk.ErrorCode(err) == kiosk.ECONFLICT
}
