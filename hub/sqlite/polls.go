package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

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

// Votes returns the votes cast in a poll, each at the time the hub
// received it: a kiosk's created_at cannot put a vote inside the poll's
// opening times (docs/SECURITY.md).
func (db *DB) Votes(ctx context.Context, pollID string) ([]hub.Vote, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT text, received_at, flagged FROM cases WHERE kind = 'vote' AND topic = ?`, pollID)
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
