package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// SaveCase stores a changed case if nobody changed it since version prev,
// with its audit record and the kiosk's ticket update, in one transaction.
func (db *DB) SaveCase(ctx context.Context, c hub.Case, prev int64, a hub.Audit, update *kiosk.TicketUpdate) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save case: %w", err)
	}
	defer tx.Rollback()
	if err := saveCaseTx(ctx, tx, c, prev, a, update); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save case: commit: %w", err)
	}
	return nil
}

// saveCaseTx is SaveCase within a transaction.
func saveCaseTx(ctx context.Context, tx *sql.Tx, c hub.Case, prev int64, a hub.Audit, update *kiosk.TicketUpdate) error {
	res, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, matter = ?, item = ?, priority = ?, assignee = ?,
		duplicate_of = ?, reason = ?, reply = ?, reply_en = ?, replied_at = ?, wall_text = ?, published_at = ?,
		updated_at = ?, version = ?, gov_body = ?, due = ?, delib_item = ?, delib_title = ?, referrals = ?,
		text = ?, transcript = ?
		WHERE id = ? AND version = ?`,
		string(c.Status), string(c.Matter), c.Item, int(c.Priority), c.Assignee, c.DuplicateOf, c.Reason, c.Reply,
		c.ReplyEn, nullTime(c.RepliedAt), c.WallText, nullTime(c.PublishedAt), sqlitedb.FormatTime(c.UpdatedAt),
		c.Version, c.GovBody, nullTime(c.Due), c.DelibItem, routingJSON(c.DelibTitle, c.DelibItem != ""),
		routingJSON(c.Referrals, len(c.Referrals) > 0), c.Text, c.Transcript, c.ID, prev)
	if err != nil {
		return fmt.Errorf("save case: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return hub.ErrConflict
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases_search SET terms = ? WHERE rowid = (SELECT n FROM cases WHERE id = ?)`,
		searchTerms(&c), c.ID); err != nil {
		return fmt.Errorf("save case: search: %w", err)
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	if update != nil {
		b, err := json.Marshal(update)
		if err != nil {
			return fmt.Errorf("save case: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ticket_outbox (kiosk, body, created) VALUES (?, ?, ?)`,
			c.Kiosk, string(b), sqlitedb.FormatTime(c.UpdatedAt)); err != nil {
			return fmt.Errorf("save case: ticket outbox: %w", err)
		}
	}
	return nil
}
