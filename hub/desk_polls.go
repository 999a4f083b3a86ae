package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"opinionwall/kiosk"
)

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
	if err := d.deliberationPolls(ctx, &next, polls, now); err != nil {
		return false, err
	}
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
	if err := w.mayRunPolls("create polls"); err != nil {
		return err
	}
	ps, err := d.Store.Polls(ctx)
	if err != nil {
		return err
	}
	for _, q := range ps {
		if q.ID == p.ID {
			return refusal(kiosk.ECONFLICT, "poll.exists", "there is already a poll %s", p.ID)
		}
	}
	return d.Store.PutPoll(ctx, p, Audit{Case: "poll:" + p.ID, Worker: w.ID, At: d.Now(), Action: "poll_create", Detail: p.Title.Zh})
}

// PollAct opens, closes or publishes the results of a poll, then
// refreshes the polls snapshot.
func (d *Desk) PollAct(ctx context.Context, w Worker, id string, act PollAction) (Poll, error) {
	if err := w.mayRunPolls("run polls"); err != nil {
		return Poll{}, err
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
