package hub

import (
	"context"
	"encoding/json"
	"math"
	"sort"
	"time"

	"opinionwall/kiosk"
)

// CaseTimes is when an opinion was received, first answered and closed
// (zero: not yet), for the time-to-reply and time-to-close figures.
type CaseTimes struct {
	Matter     kiosk.Matter // "" untriaged
	Received   time.Time
	FirstReply time.Time
	Closed     time.Time
}

// PlaceCount is how many open opinions one street has on one topic.
type PlaceCount struct {
	Street, Topic string
	N             int
}

// RatingCount is the ratings one service had: how many and their sum (1..4 each).
type RatingCount struct {
	Service string
	N, Sum  int
}

// Percentile returns the p-th percentile (0..100) of xs by linear
// interpolation between the closest ranks (0 for none); xs is sorted in place.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	r := p / 100 * float64(len(xs)-1)
	lo, hi := int(math.Floor(r)), int(math.Ceil(r))
	return xs[lo] + (xs[hi]-xs[lo])*(r-float64(lo))
}

// ClassTime is one class's times to first reply and to close over a
// period's opinions, against the class's target.
type ClassTime struct {
	Matter             kiosk.Matter
	Cases              int // opinions received in the period
	Replied, Closed    int // of them, answered and closed so far
	ReplyP50, ReplyP90 time.Duration
	CloseP50, CloseP90 time.Duration
	Target             Target
	// ReplyLate and CloseLate count the cases answered or closed after
	// the target, or still waiting past it at the end of the period.
	ReplyLate, CloseLate int
}

// ClassTimes returns the figures of each class (Classes' order), against
// the targets; "now" is the period's end.
func (st *Stats) ClassTimes(t Targets) []ClassTime {
	out := make([]ClassTime, len(Classes))
	reply, closing := make([][]float64, len(Classes)), make([][]float64, len(Classes))
	for i, m := range Classes {
		out[i] = ClassTime{Matter: m, Target: t.Of(m)}
	}
	for _, c := range st.Cases {
		i := classIndex(c.Matter)
		ct := &out[i]
		ct.Cases++
		end := st.To
		if !c.FirstReply.IsZero() {
			ct.Replied++
			reply[i] = append(reply[i], c.FirstReply.Sub(c.Received).Hours())
			end = c.FirstReply
		}
		if end.Sub(c.Received) > ct.Target.FirstReply {
			ct.ReplyLate++
		}
		end = st.To
		if !c.Closed.IsZero() {
			ct.Closed++
			closing[i] = append(closing[i], c.Closed.Sub(c.Received).Hours())
			end = c.Closed
		}
		if end.Sub(c.Received) > ct.Target.Close {
			ct.CloseLate++
		}
	}
	hours := func(h float64) time.Duration { return time.Duration(h * float64(time.Hour)).Round(time.Minute) }
	for i := range out {
		out[i].ReplyP50, out[i].ReplyP90 = hours(Percentile(reply[i], 50)), hours(Percentile(reply[i], 90))
		out[i].CloseP50, out[i].CloseP90 = hours(Percentile(closing[i], 50)), hours(Percentile(closing[i], 90))
	}
	return out
}

func classIndex(m kiosk.Matter) int {
	for i, c := range Classes {
		if c == m {
			return i
		}
	}
	return len(Classes) - 1 // untriaged
}

// Heat is a table of counts: open opinions by street (rows) and topic
// (columns), both ordered by their totals, largest first.
type Heat struct {
	Streets, Topics []string
	N               [][]int // N[street][topic]
	Max             int
}

// OpenHeat returns the open opinions by street × topic; an opinion
// without a street counts under "".
func (st *Stats) OpenHeat() Heat {
	byStreet, byTopic := map[string]int{}, map[string]int{}
	for _, p := range st.OpenPlaces {
		byStreet[p.Street] += p.N
		byTopic[p.Topic] += p.N
	}
	h := Heat{Streets: byTotal(byStreet), Topics: byTotal(byTopic)}
	row, col := index(h.Streets), index(h.Topics)
	h.N = make([][]int, len(h.Streets))
	for i := range h.N {
		h.N[i] = make([]int, len(h.Topics))
	}
	for _, p := range st.OpenPlaces {
		n := &h.N[row[p.Street]][col[p.Topic]]
		*n += p.N
		h.Max = max(h.Max, *n)
	}
	return h
}

// byTotal returns the keys by their totals, largest first, then by name.
func byTotal(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

func index(keys []string) map[string]int {
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k] = i
	}
	return m
}

// ServiceScore is one service's satisfaction over a period: the index
// (0..100, see SatisfactionIndex) and the number of ratings it rests on.
type ServiceScore struct {
	Service string
	N       int
	Index   float64
}

// ServiceScores returns each rated service's satisfaction, the most rated first.
func (st *Stats) ServiceScores() []ServiceScore {
	var out []ServiceScore
	for _, r := range st.Ratings {
		if r.N > 0 {
			out = append(out, ServiceScore{Service: r.Service, N: r.N, Index: SatisfactionIndex(float64(r.Sum) / float64(r.N))})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Service < out[j].Service
	})
	return out
}

// Partial reports whether the week starting on Monday week is only partly
// in the period (its counts are a part of a week, not a drop).
func (st *Stats) Partial(week time.Time) bool {
	return week.Before(st.From) || week.AddDate(0, 0, 7).After(st.To)
}

// Weeks returns the Mondays of every week of the period, in order.
func (st *Stats) Weeks() []time.Time {
	var out []time.Time
	if st.From.IsZero() || !st.To.After(st.From) {
		return out
	}
	for w := WeekOf(st.From); w.Before(st.To); w = w.AddDate(0, 0, 7) {
		out = append(out, w)
	}
	return out
}

// MonthFigures counts the opinions received in now's month (station time)
// and how many of them the station has answered, for the kiosks' attract
// screens (收到 N 条, 已回复 M 条).
func (d *Desk) MonthFigures(ctx context.Context, now time.Time) (kiosk.WallFigures, error) {
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	in, err := d.Store.Inbox(ctx, Filter{Kind: kiosk.KindOpinion, From: from, To: from.AddDate(0, 1, 0), Limit: 1})
	if err != nil {
		return kiosk.WallFigures{}, err
	}
	return kiosk.WallFigures{
		Month:    from.Format("2006-01"),
		Received: in.Total,
		Replied:  in.ByStatus[kiosk.StatusReplied] + in.ByStatus[kiosk.StatusClosed],
	}, nil
}

// RefreshFigures rebuilds the wall snapshot when the month's figures
// differ from those it carries (opinions arrived, replies went out, a new
// month began), and reports whether it did. The hub runs it every minute.
func (d *Desk) RefreshFigures(ctx context.Context) (bool, error) {
	fig, err := d.MonthFigures(ctx, d.Now())
	if err != nil {
		return false, err
	}
	prev, raw, err := d.Store.Snapshot(ctx, SnapshotWall)
	if err != nil {
		return false, err
	}
	if prev > 0 {
		var old kiosk.WallSnapshot
		if json.Unmarshal(raw, &old) == nil && old.Figures != nil && *old.Figures == fig {
			return false, nil
		}
	}
	return true, d.RefreshWall(ctx)
}
