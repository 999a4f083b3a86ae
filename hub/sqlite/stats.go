package sqlite

import (
	"context"
	"fmt"
	"sort"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// Stats computes the statistics for cases at in [from, to), weeks in the
// location of from. Sums are taken per hour in SQL and gathered into weeks
// here, so weeks follow the station's time zone, not UTC.
func (db *DB) Stats(ctx context.Context, from, to time.Time) (hub.Stats, error) {
	st := hub.Stats{From: from, To: to}
	var err error
	if st.TopicWeeks, st.Satisfaction, err = db.weeklySeries(ctx, from, to); err != nil {
		return st, err
	}
	if st.ReplyHours, err = db.replyHours(ctx, from, to); err != nil {
		return st, err
	}
	if st.OpenByClass, err = db.openByClass(ctx); err != nil {
		return st, err
	}
	return st, db.figures(ctx, &st)
}

// weekKey is one series' point: a topic or kiosk, and a week.
type weekKey struct {
	key  string
	week time.Time
}

// weeklySeries returns the opinions per topic and the satisfaction index
// per kiosk, week by week.
func (db *DB) weeklySeries(ctx context.Context, from, to time.Time) (topicWeeks, satisfaction []hub.Series, err error) {
	loc := from.Location()
	rows, err := db.db.QueryContext(ctx, `SELECT substr(at, 1, 13), kind, CASE kind WHEN 'opinion' THEN topic ELSE kiosk END, count(*), sum(rating)
		FROM cases WHERE at >= ? AND at < ? AND flagged = 0 AND kind IN ('opinion', 'rating') GROUP BY 1, 2, 3`,
		sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return nil, nil, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	topics := map[weekKey]float64{}
	ratings := map[weekKey][2]float64{} // count, sum
	for rows.Next() {
		var hour, kind, key string
		var n, sum float64
		if err := rows.Scan(&hour, &kind, &key, &n, &sum); err != nil {
			return nil, nil, fmt.Errorf("stats: %w", err)
		}
		t, err := time.Parse("2006-01-02T15", hour)
		if err != nil {
			return nil, nil, fmt.Errorf("stats: hour %q: %w", hour, err)
		}
		k := weekKey{key, hub.WeekOf(t.In(loc))}
		if kind == string(kiosk.KindOpinion) {
			topics[k] += n
		} else {
			r := ratings[k]
			ratings[k] = [2]float64{r[0] + n, r[1] + sum}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("stats: %w", err)
	}
	idx := map[weekKey]float64{}
	for k, r := range ratings {
		idx[k] = hub.SatisfactionIndex(r[1] / r[0])
	}
	return weekSeries(topics), weekSeries(idx), nil
}

// weekSeries gathers points into series by name, each sorted by week.
func weekSeries(m map[weekKey]float64) []hub.Series {
	by := map[string][]hub.Point{}
	for k, v := range m {
		by[k.key] = append(by[k.key], hub.Point{Week: k.week, Value: v})
	}
	var out []hub.Series
	for name, pts := range by {
		sort.Slice(pts, func(i, j int) bool { return pts[i].Week.Before(pts[j].Week) })
		out = append(out, hub.Series{Name: name, Points: pts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// replyHours returns the median hours from receipt to first reply, by the
// week of receipt.
func (db *DB) replyHours(ctx context.Context, from, to time.Time) (hub.Series, error) {
	s := hub.Series{Name: "median hours to first reply"}
	loc := from.Location()
	rows, err := db.db.QueryContext(ctx, `SELECT received_at, replied_at FROM cases
		WHERE replied_at IS NOT NULL AND received_at >= ? AND received_at < ? AND flagged = 0`,
		sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	hours := map[time.Time][]float64{}
	for rows.Next() {
		var rec, rep string
		if err := rows.Scan(&rec, &rep); err != nil {
			return s, fmt.Errorf("stats: %w", err)
		}
		a, _ := sqlitedb.ParseTime(rec)
		b, _ := sqlitedb.ParseTime(rep)
		w := hub.WeekOf(a.In(loc))
		hours[w] = append(hours[w], b.Sub(a).Hours())
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	for w, hs := range hours {
		s.Points = append(s.Points, hub.Point{Week: w, Value: hub.Median(hs)})
	}
	sort.Slice(s.Points, func(i, j int) bool { return s.Points[i].Week.Before(s.Points[j].Week) })
	return s, nil
}

// openByClass counts the open cases by class, untriaged ones apart.
func (db *DB) openByClass(ctx context.Context) (map[kiosk.Matter]int, error) {
	out := map[kiosk.Matter]int{}
	rows, err := db.db.QueryContext(ctx, `SELECT matter, count(*) FROM cases
		WHERE status NOT IN ('closed', 'duplicate', 'not_applicable') AND flagged = 0 GROUP BY 1`)
	if err != nil {
		return out, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			return out, fmt.Errorf("stats: %w", err)
		}
		if m == "" {
			m = string(hub.Untriaged)
		}
		out[kiosk.Matter(m)] = n
	}
	return out, rows.Err()
}
