package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

// PendingTickets returns ticket updates not yet taken by the broker, oldest first.
func (db *DB) PendingTickets(ctx context.Context, limit int) ([]hub.OutgoingTicket, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, kiosk, body FROM ticket_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("pending tickets: %w", err)
	}
	defer rows.Close()
	var out []hub.OutgoingTicket
	for rows.Next() {
		var o hub.OutgoingTicket
		var body string
		if err := rows.Scan(&o.ID, &o.Kiosk, &body); err != nil {
			return nil, fmt.Errorf("pending tickets: %w", err)
		}
		if err := json.Unmarshal([]byte(body), &o.Update); err != nil {
			return nil, fmt.Errorf("pending ticket %d: %w", o.ID, err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// sentTicketsKept is how long sent ticket updates stay in the outbox.
const sentTicketsKept = 30 * 24 * time.Hour

// MarkTicketsSent records that the broker took these updates.
func (db *DB) MarkTicketsSent(ctx context.Context, ids []int64, at time.Time) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE ticket_outbox SET sent_at = ? WHERE id = ?`, sqlitedb.FormatTime(at), id); err != nil {
			return fmt.Errorf("mark sent: %w", err)
		}
	}
	// Sent updates are kept a while for looking into, then dropped.
	if _, err := tx.ExecContext(ctx, `DELETE FROM ticket_outbox WHERE sent_at IS NOT NULL AND sent_at < ?`,
		sqlitedb.FormatTime(at.Add(-sentTicketsKept))); err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	return nil
}

// ResendTickets queues again, for a kiosk, the latest update of each of its
// tickets whose case changed since the given time (what the station told
// the kiosk about; a kiosk ignores what it already holds).
func (db *DB) ResendTickets(ctx context.Context, kiosk string, since time.Time) (int, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE kiosk = ? AND version > 0 AND updated_at >= ?`,
		kiosk, sqlitedb.FormatTime(since))
	if err != nil {
		return 0, fmt.Errorf("resend tickets: %w", err)
	}
	var bodies []string
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("resend tickets: %w", err)
		}
		b, err := json.Marshal(c.TicketUpdate())
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("resend tickets: %w", err)
		}
		bodies = append(bodies, string(b))
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(bodies) == 0 {
		return 0, err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("resend tickets: %w", err)
	}
	defer tx.Rollback()
	now := sqlitedb.FormatTime(db.Now())
	for _, b := range bodies {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ticket_outbox (kiosk, body, created) VALUES (?, ?, ?)`, kiosk, b, now); err != nil {
			return 0, fmt.Errorf("resend tickets: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("resend tickets: %w", err)
	}
	return len(bodies), nil
}
