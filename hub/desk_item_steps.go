package hub

import (
	"context"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// ItemStep takes a step on an item as the worker saw it (version): linking
// more opinions, putting it to the vote (its poll opens on the kiosks),
// confirming the vote's result by the rule in the settings (its poll
// closes, the result goes on the kiosks' walls), starting, progress notes
// with an optional photo, finishing. It returns the item as it is now.
func (d *Desk) ItemStep(ctx context.Context, w Worker, id string, version int64, a ItemAction, photo []byte) (Item, error) {
	if err := w.mayItem(a.Kind); err != nil {
		return Item{}, err
	}
	st, err := d.delib()
	if err != nil {
		return Item{}, err
	}
	it, err := st.Item(ctx, id)
	if err != nil {
		return it, err
	}
	if it.Version != version {
		return it, refusal(kiosk.ECONFLICT, "item.conflict", "the item was changed by someone else: reload it")
	}
	set, err := st.DeliberationSettings(ctx)
	if err != nil {
		return it, err
	}
	now := d.Now()
	var poll *Poll
	switch a.Kind {
	case ItemVote:
		p := ItemPoll(&it, set, w.ID, now)
		poll, a.Poll = &p, p.ID
	case ItemDecide:
		if poll, a.Tally, err = d.closeItemPoll(ctx, it.Poll, now); err != nil {
			return it, err
		}
		a.Rule = set.Rule
	case ItemProgress:
		if len(photo) > 0 {
			ext, err := PhotoExt(photo)
			if err != nil {
				return it, err
			}
			a.Photo = fmt.Sprintf("%s-p%d%s", it.ID, len(it.Progress)+1, ext)
		}
	}
	old := it
	rec, err := it.Apply(a, w, now)
	if err != nil {
		return old, err
	}
	var changes []CaseChange
	if a.Kind == ItemLink {
		if changes, err = d.linkCases(ctx, w, &it, newCases(old, it)); err != nil {
			return old, err
		}
	}
	if a.Photo != "" {
		if err := st.PutPhoto(ctx, a.Photo, photo); err != nil {
			return old, err
		}
	}
	if poll != nil {
		if err := d.Store.PutPoll(ctx, *poll, Audit{Case: "poll:" + poll.ID, Worker: w.ID, At: now, Action: ActionKind("poll_" + string(poll.State)), Detail: it.Title.Zh}); err != nil {
			return old, err
		}
	}
	if err := st.SaveItem(ctx, it, old.Version, rec, changes); err != nil {
		return old, err
	}
	return it, d.afterItemStep(ctx, a.Kind)
}

// afterItemStep brings the kiosks' polls and wall up to date.
func (d *Desk) afterItemStep(ctx context.Context, k ItemActionKind) error {
	if k == ItemVote || k == ItemDecide {
		if _, err := d.RefreshPolls(ctx); err != nil {
			return fmt.Errorf("the item is saved, the kiosks' polls are not: %w", err)
		}
	}
	if k != ItemLink && k != ItemVote {
		if err := d.RefreshWall(ctx); err != nil {
			return fmt.Errorf("the item is saved, the wall is not: %w", err)
		}
	}
	d.notify()
	return nil
}

// closeItemPoll counts an item's poll and closes it if it is open; the
// returned poll is nil when it needs no saving.
func (d *Desk) closeItemPoll(ctx context.Context, id string, now time.Time) (*Poll, Tally, error) {
	polls, err := d.Store.Polls(ctx)
	if err != nil {
		return nil, Tally{}, err
	}
	for i := range polls {
		p := &polls[i]
		if p.ID != id {
			continue
		}
		changed := !p.ResultsPublished
		if p.State == PollOpen {
			if err := p.Close(now); err != nil {
				return nil, Tally{}, err
			}
		}
		p.ResultsPublished = p.State == PollClosed
		votes, err := d.Store.Votes(ctx, id)
		if err != nil {
			return nil, Tally{}, err
		}
		if changed {
			return p, p.Count(votes), nil
		}
		return nil, p.Count(votes), nil
	}
	return nil, Tally{}, kiosk.Errorf(kiosk.ENOTFOUND, "no poll %s", id)
}

// newCases returns the cases in it that were not in old.
func newCases(old, it Item) []string {
	var out []string
	for _, c := range it.Cases {
		if !old.has(c) {
			out = append(out, c)
		}
	}
	return out
}

// projects are the wall's 我们一起办: the items voted on.
func (d *Desk) projects(ctx context.Context) ([]kiosk.Project, error) {
	if d.Delib == nil {
		return nil, nil
	}
	items, err := d.Delib.Items(ctx)
	if err != nil {
		return nil, err
	}
	return BuildProjects(items), nil
}

// deliberationPolls adds to the polls snapshot the deliberation day, the
// items' numbers on their polls and, during the day when the lead allows
// it, the live tallies of the items being voted.
func (d *Desk) deliberationPolls(ctx context.Context, s *kiosk.PollsSnapshot, polls []Poll, now time.Time) error {
	if d.Delib == nil {
		return nil
	}
	set, err := d.Delib.DeliberationSettings(ctx)
	if err != nil {
		return err
	}
	items, err := d.Delib.Items(ctx)
	if err != nil {
		return err
	}
	if set.Day.Date != "" {
		day := set.Day
		s.Day = &day
	}
	byPoll := map[string]int{}
	for _, it := range items {
		if it.Poll != "" {
			byPoll[it.Poll] = it.N
		}
	}
	for i := range s.Polls {
		kp := &s.Polls[i]
		kp.Item = byPoll[kp.ID]
		if kp.Item == 0 || kp.Results != nil || !set.Day.LiveTallies || !set.Day.Active(now.In(time.Local)) {
			continue
		}
		t, err := d.itemTally(ctx, polls, kp.ID)
		if err != nil {
			return err
		}
		kp.Live = map[string]int{}
		for _, o := range kp.Options {
			kp.Live[o.ID] = t.Counted[o.ID]
		}
	}
	return nil
}

// ReplyWithReferrals answers a 私事 case and points the resident to
// referral services from the settings' list, by id.
func (d *Desk) ReplyWithReferrals(ctx context.Context, w Worker, id string, version int64, a Action, referrals []string) (Case, error) {
	if len(referrals) > 0 {
		set, err := d.Deliberation(ctx, w)
		if err != nil {
			return Case{}, err
		}
		for _, rid := range referrals {
			r, ok := set.Referral(rid)
			if !ok {
				return Case{}, refusal(kiosk.EINVALID, "referral.unknown", "no referral service %q in the settings", rid)
			}
			a.Route.Referrals = append(a.Route.Referrals, r)
		}
	}
	return d.Act(ctx, w, id, version, a)
}
