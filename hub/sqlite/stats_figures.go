package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// figures fills the rows the domain's figures are computed from: each
// opinion's times, the open opinions by street and topic, the ratings per
// service.
func (db *DB) figures(ctx context.Context, st *hub.Stats) error {
	var err error
	if st.Cases, err = db.caseTimes(ctx, st.From, st.To); err != nil {
		return err
	}
	if st.OpenPlaces, err = db.openPlaces(ctx); err != nil {
		return err
	}
	st.Ratings, err = db.ratings(ctx, st.From, st.To)
	return err
}

// caseTimes returns the opinions received in [from, to) with their first
// reply and their closing (the audit's first move to closed).
func (db *DB) caseTimes(ctx context.Context, from, to time.Time) ([]hub.CaseTimes, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT c.matter, c.received_at, c.replied_at,
			(SELECT min(a.at) FROM audit a WHERE a.case_id = c.id AND a.to_status = 'closed')
		FROM cases c WHERE c.kind = 'opinion' AND c.flagged = 0 AND c.received_at >= ? AND c.received_at < ?`,
		sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	var out []hub.CaseTimes
	for rows.Next() {
		var m, rec string
		var rep, closed sql.NullString
		if err := rows.Scan(&m, &rec, &rep, &closed); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		c := hub.CaseTimes{Matter: kiosk.Matter(m)}
		c.Received, _ = sqlitedb.ParseTime(rec)
		if rep.Valid {
			c.FirstReply, _ = sqlitedb.ParseTime(rep.String)
		}
		if closed.Valid {
			c.Closed, _ = sqlitedb.ParseTime(closed.String)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// openPlaces counts the open opinions by the street the resident gave and topic.
func (db *DB) openPlaces(ctx context.Context) ([]hub.PlaceCount, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT coalesce(`+db.sql.street+`, ''), c.topic, count(*)
		FROM cases c JOIN submissions s ON s.id = c.id
		WHERE c.kind = 'opinion' AND c.flagged = 0 AND c.status NOT IN ('closed', 'duplicate', 'not_applicable')
		GROUP BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	var out []hub.PlaceCount
	for rows.Next() {
		var p hub.PlaceCount
		if err := rows.Scan(&p.Street, &p.Topic, &p.N); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ratings counts the period's ratings per service.
func (db *DB) ratings(ctx context.Context, from, to time.Time) ([]hub.RatingCount, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT topic, count(*), sum(rating) FROM cases
		WHERE kind = 'rating' AND flagged = 0 AND at >= ? AND at < ? GROUP BY 1`,
		sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	var out []hub.RatingCount
	for rows.Next() {
		var r hub.RatingCount
		if err := rows.Scan(&r.Service, &r.N, &r.Sum); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
