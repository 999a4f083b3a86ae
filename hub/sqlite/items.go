package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.DeliberationStore = (*DB)(nil)

// itemBody is what the items table keeps of an item in its body column.
type itemBody struct {
	Title       kiosk.Text     `json:"title"`
	Description string         `json:"description,omitempty"`
	Topic       string         `json:"topic,omitempty"`
	Cases       []string       `json:"cases"`
	Photo       string         `json:"photo,omitempty"`
	Poll        string         `json:"poll,omitempty"`
	Result      hub.ItemResult `json:"result"`
	DecidedAt   string         `json:"decided_at,omitempty"`
	Progress    []hub.Progress `json:"progress,omitempty"`
	CreatedBy   string         `json:"created_by"`
}

const itemColumns = `id, n, stage, body, created_at, updated_at, version`

func scanItem(r scanner) (hub.Item, error) {
	var it hub.Item
	var stage, body, created, updated string
	if err := r.Scan(&it.ID, &it.N, &stage, &body, &created, &updated, &it.Version); err != nil {
		return it, err
	}
	var b itemBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return it, fmt.Errorf("item %s: %w", it.ID, err)
	}
	it.Stage = hub.ItemStage(stage)
	it.Title, it.Description, it.Topic, it.Cases, it.Photo = b.Title, b.Description, b.Topic, b.Cases, b.Photo
	it.Poll, it.Result, it.Progress, it.CreatedBy = b.Poll, b.Result, b.Progress, b.CreatedBy
	if b.DecidedAt != "" {
		it.DecidedAt, _ = sqlitedb.ParseTime(b.DecidedAt)
	}
	it.CreatedAt, _ = sqlitedb.ParseTime(created)
	it.UpdatedAt, _ = sqlitedb.ParseTime(updated)
	return it, nil
}

// Items returns every item by number.
func (db *DB) Items(ctx context.Context) ([]hub.Item, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+itemColumns+` FROM items ORDER BY n`)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	defer rows.Close()
	var out []hub.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Item returns one item.
func (db *DB) Item(ctx context.Context, id string) (hub.Item, error) {
	it, err := scanItem(db.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM items WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, kiosk.Errorf(kiosk.ENOTFOUND, "no item %s", id)
	}
	if err != nil {
		return it, fmt.Errorf("item %s: %w", id, err)
	}
	return it, nil
}

// NextItemNumber returns the number after the highest on the list.
func (db *DB) NextItemNumber(ctx context.Context) (int, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) + 1 FROM items`).Scan(&n); err != nil {
		return 0, fmt.Errorf("next item number: %w", err)
	}
	return n, nil
}

// SaveItem stores an item with its audit record and the cases changed with
// it, in one transaction.
func (db *DB) SaveItem(ctx context.Context, it hub.Item, prev int64, a hub.Audit, cases []hub.CaseChange) error {
	b := itemBody{Title: it.Title, Description: it.Description, Topic: it.Topic, Cases: it.Cases, Photo: it.Photo,
		Poll: it.Poll, Result: it.Result, Progress: it.Progress, CreatedBy: it.CreatedBy}
	if !it.DecidedAt.IsZero() {
		b.DecidedAt = sqlitedb.FormatTime(it.DecidedAt)
	}
	body, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("save item: %w", err)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save item: %w", err)
	}
	defer tx.Rollback()
	var res sql.Result
	if prev < 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO items (`+itemColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			it.ID, it.N, string(it.Stage), string(body), sqlitedb.FormatTime(it.CreatedAt), sqlitedb.FormatTime(it.UpdatedAt), it.Version)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE items SET stage = ?, body = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?`,
			string(it.Stage), string(body), sqlitedb.FormatTime(it.UpdatedAt), it.Version, it.ID, prev)
	}
	if err != nil {
		return fmt.Errorf("save item: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return hub.ErrConflict
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	for _, ch := range cases {
		if err := saveCaseTx(ctx, tx, ch.Case, ch.Prev, ch.Audit, ch.Update); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save item: commit: %w", err)
	}
	return nil
}

// ItemCases returns the cases taken into an item, oldest first.
func (db *DB) ItemCases(ctx context.Context, id string) ([]hub.Case, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE delib_item = ? ORDER BY at`, id)
	if err != nil {
		return nil, fmt.Errorf("item cases: %w", err)
	}
	defer rows.Close()
	var out []hub.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("item cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ItemChanges returns the items' changes of stage in [from, to), oldest
// first, each with its item's number and title (from the audit).
func (db *DB) ItemChanges(ctx context.Context, from, to time.Time) ([]hub.ItemChange, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT a.at, a.from_status, a.to_status, i.n, i.body
		FROM audit a JOIN items i ON a.case_id = 'item:' || i.id
		WHERE a.case_id LIKE 'item:%' AND a.from_status <> a.to_status AND a.at >= ? AND a.at < ?
		ORDER BY a.at, a.id`, sqlitedb.FormatTime(from), sqlitedb.FormatTime(to))
	if err != nil {
		return nil, fmt.Errorf("item changes: %w", err)
	}
	defer rows.Close()
	var out []hub.ItemChange
	for rows.Next() {
		var c hub.ItemChange
		var at, fromStage, toStage, body string
		if err := rows.Scan(&at, &fromStage, &toStage, &c.N, &body); err != nil {
			return nil, fmt.Errorf("item changes: %w", err)
		}
		var b itemBody
		if err := json.Unmarshal([]byte(body), &b); err != nil {
			return nil, fmt.Errorf("item changes: item %d: %w", c.N, err)
		}
		c.At, _ = sqlitedb.ParseTime(at)
		c.Title, c.From, c.To = b.Title, hub.ItemStage(fromStage), hub.ItemStage(toStage)
		out = append(out, c)
	}
	return out, rows.Err()
}
