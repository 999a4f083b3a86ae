package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// History returns a case's audit records, oldest first.
func (db *DB) History(ctx context.Context, id string) ([]hub.Audit, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT case_id, worker, at, action, from_status, to_status, detail FROM audit WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []hub.Audit
	for rows.Next() {
		var a hub.Audit
		var at, action, from, to string
		if err := rows.Scan(&a.Case, &a.Worker, &at, &action, &from, &to, &a.Detail); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		a.At, _ = sqlitedb.ParseTime(at)
		a.Action, a.From, a.To = hub.ActionKind(action), kiosk.TicketStatus(from), kiosk.TicketStatus(to)
		out = append(out, a)
	}
	return out, rows.Err()
}

func insertAudit(ctx context.Context, tx *sql.Tx, a hub.Audit) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (case_id, worker, at, action, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.Case, a.Worker, sqlitedb.FormatTime(a.At), string(a.Action), string(a.From), string(a.To), a.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

var _ hub.Auditor = (*DB)(nil)

// Audit stores an audit record that belongs to no case (an export with
// contact details, a purge).
func (db *DB) Audit(ctx context.Context, a hub.Audit) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	defer tx.Rollback()
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	return tx.Commit()
}
