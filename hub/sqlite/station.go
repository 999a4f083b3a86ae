package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// Workers returns the station's workers by name.
func (db *DB) Workers(ctx context.Context) ([]hub.Worker, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, role, pin_hash FROM workers ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("workers: %w", err)
	}
	defer rows.Close()
	var out []hub.Worker
	for rows.Next() {
		var w hub.Worker
		var role string
		if err := rows.Scan(&w.ID, &w.Name, &role, &w.PINHash); err != nil {
			return nil, fmt.Errorf("workers: %w", err)
		}
		w.Role = hub.Role(role)
		out = append(out, w)
	}
	return out, rows.Err()
}

// PutWorker adds or replaces a worker.
func (db *DB) PutWorker(ctx context.Context, w hub.Worker) error {
	if err := w.Validate(); err != nil {
		return err
	}
	if w.PINHash == "" {
		return kiosk.Errorf(kiosk.EINVALID, "worker %s needs a PIN", w.ID)
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO workers (id, name, role, pin_hash) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash`,
		w.ID, w.Name, string(w.Role), w.PINHash)
	if err != nil {
		return fmt.Errorf("put worker: %w", err)
	}
	return nil
}

// Buildings returns the 包楼 map.
func (db *DB) Buildings(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT building, worker FROM buildings`)
	if err != nil {
		return nil, fmt.Errorf("buildings: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var b, w string
		if err := rows.Scan(&b, &w); err != nil {
			return nil, fmt.Errorf("buildings: %w", err)
		}
		m[b] = w
	}
	return m, rows.Err()
}

// SetBuilding gives a building to a worker; an empty worker removes it.
func (db *DB) SetBuilding(ctx context.Context, building, worker string) error {
	var err error
	if worker == "" {
		_, err = db.db.ExecContext(ctx, `DELETE FROM buildings WHERE building = ?`, building)
	} else {
		_, err = db.db.ExecContext(ctx, `INSERT INTO buildings (building, worker) VALUES (?, ?)
			ON CONFLICT (building) DO UPDATE SET worker = excluded.worker`, building, worker)
	}
	if err != nil {
		return fmt.Errorf("set building: %w", err)
	}
	return nil
}

type pollBody struct {
	Title   kiosk.Text         `json:"title"`
	Options []kiosk.PollOption `json:"options"`
}

// Polls returns every poll, newest first.
func (db *DB) Polls(ctx context.Context) ([]hub.Poll, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, body, opens, closes, state, results, created_by, created_at FROM polls ORDER BY created_at DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("polls: %w", err)
	}
	defer rows.Close()
	var out []hub.Poll
	for rows.Next() {
		var p hub.Poll
		var body, opens, closes, state, created string
		if err := rows.Scan(&p.ID, &body, &opens, &closes, &state, &p.ResultsPublished, &p.CreatedBy, &created); err != nil {
			return nil, fmt.Errorf("polls: %w", err)
		}
		var b pollBody
		if err := json.Unmarshal([]byte(body), &b); err != nil {
			return nil, fmt.Errorf("poll %s: %w", p.ID, err)
		}
		p.Title, p.Options, p.State = b.Title, b.Options, hub.PollState(state)
		p.Opens, _ = sqlitedb.ParseTime(opens)
		p.Closes, _ = sqlitedb.ParseTime(closes)
		p.CreatedAt, _ = sqlitedb.ParseTime(created)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PutPoll adds or replaces a poll, with its audit record.
func (db *DB) PutPoll(ctx context.Context, p hub.Poll, a hub.Audit) error {
	body, err := json.Marshal(pollBody{Title: p.Title, Options: p.Options})
	if err != nil {
		return fmt.Errorf("put poll: %w", err)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put poll: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO polls (id, body, opens, closes, state, results, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, opens = excluded.opens,
		closes = excluded.closes, state = excluded.state, results = excluded.results`,
		p.ID, string(body), sqlitedb.FormatTime(p.Opens), sqlitedb.FormatTime(p.Closes), string(p.State),
		p.ResultsPublished, p.CreatedBy, sqlitedb.FormatTime(p.CreatedAt)); err != nil {
		return fmt.Errorf("put poll: %w", err)
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put poll: %w", err)
	}
	return nil
}

// Votes returns the votes cast in a poll.
func (db *DB) Votes(ctx context.Context, pollID string) ([]hub.Vote, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT text, at, flagged FROM cases WHERE kind = 'vote' AND topic = ?`, pollID)
	if err != nil {
		return nil, fmt.Errorf("votes: %w", err)
	}
	defer rows.Close()
	var out []hub.Vote
	for rows.Next() {
		var v hub.Vote
		var at string
		if err := rows.Scan(&v.Option, &at, &v.Play); err != nil {
			return nil, fmt.Errorf("votes: %w", err)
		}
		v.At, _ = sqlitedb.ParseTime(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// Stats computes the statistics for cases at in [from, to), weeks in the
// location of from. Sums are taken per hour in SQL and gathered into weeks
// here, so weeks follow the station's time zone, not UTC.
func (db *DB) Stats(ctx context.Context, from, to time.Time) (hub.Stats, error) {
	st := hub.Stats{From: from, To: to, OpenByClass: map[kiosk.Matter]int{}}
	loc := from.Location()
	rows, err := db.db.QueryContext(ctx, `SELECT substr(at, 1, 13), kind, CASE kind WHEN 'opinion' THEN topic ELSE kiosk END, count(*), sum(rating)
		FROM cases WHERE at >= ? AND at < ? AND flagged = 0 AND kind IN ('opinion', 'rating') GROUP BY 1, 2, 3`,
		sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	type wk struct {
		key  string
		week time.Time
	}
	topics := map[wk]float64{}
	ratings := map[wk][2]float64{}
	for rows.Next() {
		var hour, kind, key string
		var n, sum float64
		if err := rows.Scan(&hour, &kind, &key, &n, &sum); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		t, err := time.Parse("2006-01-02T15", hour)
		if err != nil {
			return st, fmt.Errorf("stats: hour %q: %w", hour, err)
		}
		k := wk{key, hub.WeekOf(t.In(loc))}
		if kind == string(kiosk.KindOpinion) {
			topics[k] += n
		} else {
			r := ratings[k]
			ratings[k] = [2]float64{r[0] + n, r[1] + sum}
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	series := func(m map[wk]float64) []hub.Series {
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
	st.TopicWeeks = series(topics)
	idx := map[wk]float64{}
	for k, r := range ratings {
		idx[k] = hub.SatisfactionIndex(r[1] / r[0])
	}
	st.Satisfaction = series(idx)

	rows2, err := db.db.QueryContext(ctx, `SELECT received_at, replied_at FROM cases
		WHERE replied_at IS NOT NULL AND received_at >= ? AND received_at < ? AND flagged = 0`,
		sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows2.Close()
	hours := map[time.Time][]float64{}
	for rows2.Next() {
		var rec, rep string
		if err := rows2.Scan(&rec, &rep); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		a, _ := sqlitedb.ParseTime(rec)
		b, _ := sqlitedb.ParseTime(rep)
		w := hub.WeekOf(a.In(loc))
		hours[w] = append(hours[w], b.Sub(a).Hours())
	}
	if err := rows2.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.ReplyHours.Name = "median hours to first reply"
	for w, hs := range hours {
		st.ReplyHours.Points = append(st.ReplyHours.Points, hub.Point{Week: w, Value: hub.Median(hs)})
	}
	sort.Slice(st.ReplyHours.Points, func(i, j int) bool { return st.ReplyHours.Points[i].Week.Before(st.ReplyHours.Points[j].Week) })

	rows3, err := db.db.QueryContext(ctx, `SELECT matter, count(*) FROM cases
		WHERE status NOT IN ('closed', 'duplicate', 'not_applicable') AND flagged = 0 GROUP BY 1`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows3.Close()
	for rows3.Next() {
		var m string
		var n int
		if err := rows3.Scan(&m, &n); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		if m == "" {
			m = string(hub.Untriaged)
		}
		st.OpenByClass[kiosk.Matter(m)] = n
	}
	return st, rows3.Err()
}
