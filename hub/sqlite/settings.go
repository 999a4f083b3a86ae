package sqlite

// The station's settings: what leads set for the desk (targets per class
// and reply templates, migration 0004) and the deliberation settings
// (议事日, vote rule; migration 0005), each change with an audit record.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

var _ hub.SettingsStore = (*DB)(nil)

// Targets returns the targets leads set, by class.
func (db *DB) Targets(ctx context.Context) (hub.Targets, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT matter, first_reply_s, close_s FROM class_targets`)
	if err != nil {
		return nil, fmt.Errorf("targets: %w", err)
	}
	defer rows.Close()
	out := hub.Targets{}
	for rows.Next() {
		var m string
		var reply, closing int64
		if err := rows.Scan(&m, &reply, &closing); err != nil {
			return nil, fmt.Errorf("targets: %w", err)
		}
		out[kiosk.Matter(m)] = hub.Target{FirstReply: time.Duration(reply) * time.Second, Close: time.Duration(closing) * time.Second}
	}
	return out, rows.Err()
}

// SetTargets stores the classes' targets given, with an audit record.
func (db *DB) SetTargets(ctx context.Context, t hub.Targets, by hub.Audit) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set targets: %w", err)
	}
	defer tx.Rollback()
	for m, x := range t {
		if _, err := tx.ExecContext(ctx, `INSERT INTO class_targets VALUES (?, ?, ?)
			ON CONFLICT (matter) DO UPDATE SET first_reply_s = excluded.first_reply_s, close_s = excluded.close_s`,
			string(m), int64(x.FirstReply/time.Second), int64(x.Close/time.Second)); err != nil {
			return fmt.Errorf("set targets: %w", err)
		}
		by.Detail += fmt.Sprintf("%s %s/%s ", m, x.FirstReply, x.Close)
	}
	if err := insertAudit(ctx, tx, by); err != nil {
		return err
	}
	return tx.Commit()
}

// ReplyTemplates returns the reply templates in order.
func (db *DB) ReplyTemplates(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT text FROM reply_templates ORDER BY pos`)
	if err != nil {
		return nil, fmt.Errorf("reply templates: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("reply templates: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SetReplyTemplates replaces the reply templates, with an audit record.
func (db *DB) SetReplyTemplates(ctx context.Context, texts []string, by hub.Audit) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set reply templates: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM reply_templates`); err != nil {
		return fmt.Errorf("set reply templates: %w", err)
	}
	for i, s := range texts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reply_templates (pos, text) VALUES (?, ?)`, i+1, s); err != nil {
			return fmt.Errorf("set reply templates: %w", err)
		}
	}
	if err := insertAudit(ctx, tx, by); err != nil {
		return err
	}
	return tx.Commit()
}

const settingsDeliberation = "deliberation"

// DeliberationSettings returns the deliberation settings, the defaults
// until a lead saves some.
func (db *DB) DeliberationSettings(ctx context.Context) (hub.DeliberationSettings, error) {
	s := hub.DefaultDeliberation()
	var body string
	err := db.db.QueryRowContext(ctx, `SELECT body FROM settings WHERE name = ?`, settingsDeliberation).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("deliberation settings: %w", err)
	}
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return s, fmt.Errorf("deliberation settings: %w", err)
	}
	return s, nil
}

// PutDeliberationSettings stores the settings with their audit record.
func (db *DB) PutDeliberationSettings(ctx context.Context, s hub.DeliberationSettings, a hub.Audit) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, body) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET body = excluded.body`,
		settingsDeliberation, string(b)); err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	return nil
}
