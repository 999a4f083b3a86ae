package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

var (
	_ kiosk.Downstream = (*DB)(nil)
	_ kiosk.NonceStore = (*DB)(nil)
)

// PutTicketUpdate stores what the hub said about one of this kiosk's
// tickets, replacing an older update of the same ticket. An update older
// than the one stored is ignored.
func (db *DB) PutTicketUpdate(ctx context.Context, u kiosk.TicketUpdate) error {
	if _, err := kiosk.ParseTicket(u.Ticket); err != nil {
		return err
	}
	item, refs := ticketExtras(u)
	_, err := db.db.ExecContext(ctx, `INSERT INTO tickets (ticket, submission_id, status, matter, reply, reply_en, updated_at, item, referrals)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (ticket) DO UPDATE SET submission_id = excluded.submission_id, status = excluded.status,
			matter = excluded.matter, reply = excluded.reply, reply_en = excluded.reply_en, updated_at = excluded.updated_at,
			item = excluded.item, referrals = excluded.referrals
		WHERE excluded.updated_at >= tickets.updated_at`,
		u.Ticket, u.SubmissionID, string(u.Status), string(u.Matter), u.Reply, u.ReplyEn, formatTime(u.UpdatedAt), item, refs)
	if err != nil {
		return domainError("put ticket update", err)
	}
	return nil
}

// LookupTicket returns what is known of a ticket code typed by a resident:
// the hub's latest update, or, for a submission made here that the hub has
// not answered yet, queued (still on the kiosk) or received (acked).
func (db *DB) LookupTicket(ctx context.Context, code string) (kiosk.TicketUpdate, error) {
	t, err := kiosk.ParseTicket(code)
	if err != nil {
		return kiosk.TicketUpdate{}, err
	}
	var u kiosk.TicketUpdate
	var status, matter, updated, item, refs string
	err = db.db.QueryRowContext(ctx, `SELECT ticket, submission_id, status, matter, reply, reply_en, updated_at, item, referrals FROM tickets WHERE ticket = ?`, t.Code).
		Scan(&u.Ticket, &u.SubmissionID, &status, &matter, &u.Reply, &u.ReplyEn, &updated, &item, &refs)
	if err == nil {
		u.Status, u.Matter = kiosk.TicketStatus(status), kiosk.Matter(matter)
		u.UpdatedAt, _ = parseTime(updated)
		return u, readTicketExtras(&u, item, refs)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("lookup ticket: %w", err)
	}
	var state, created string
	var acked sql.NullString
	err = db.db.QueryRowContext(ctx, `SELECT s.id, s.created_at, o.state, o.acked_at FROM submissions s JOIN outbox o USING (seq) WHERE s.ticket = ?`, t.Code).
		Scan(&u.SubmissionID, &created, &state, &acked)
	if errors.Is(err, sql.ErrNoRows) {
		return u, kiosk.Errorf(kiosk.ENOTFOUND, "no ticket %s", kiosk.FormatTicket(t.Code))
	}
	if err != nil {
		return u, fmt.Errorf("lookup ticket: %w", err)
	}
	u.Ticket, u.Status = t.Code, kiosk.StatusQueued
	u.UpdatedAt, _ = parseTime(created)
	if state == stateAcked {
		u.Status = kiosk.StatusReceived
		u.UpdatedAt, _ = parseTime(acked.String)
	}
	return u, nil
}

// PutWall stores a wall snapshot if it is newer than the one stored, and
// reports whether it was.
func (db *DB) PutWall(ctx context.Context, w kiosk.WallSnapshot) (bool, error) {
	return db.putSnapshot(ctx, "wall", w.Version, w)
}

// Wall returns the stored wall snapshot; an empty one (version 0) before the first.
func (db *DB) Wall(ctx context.Context) (kiosk.WallSnapshot, error) {
	var w kiosk.WallSnapshot
	return w, db.snapshot(ctx, "wall", &w)
}

// PutPolls stores a polls snapshot if it is newer than the one stored, and
// reports whether it was.
func (db *DB) PutPolls(ctx context.Context, p kiosk.PollsSnapshot) (bool, error) {
	return db.putSnapshot(ctx, "polls", p.Version, p)
}

// Polls returns the stored polls snapshot; an empty one before the first.
func (db *DB) Polls(ctx context.Context) (kiosk.PollsSnapshot, error) {
	var p kiosk.PollsSnapshot
	return p, db.snapshot(ctx, "polls", &p)
}

func (db *DB) putSnapshot(ctx context.Context, name string, version int64, v any) (bool, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return false, fmt.Errorf("put %s: %w", name, err)
	}
	res, err := db.db.ExecContext(ctx, `INSERT INTO snapshots (name, version, body, received_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET version = excluded.version, body = excluded.body, received_at = excluded.received_at
		WHERE excluded.version > snapshots.version`, name, version, body, db.now())
	if err != nil {
		return false, domainError("put "+name, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (db *DB) snapshot(ctx context.Context, name string, v any) error {
	var body string
	err := db.db.QueryRowContext(ctx, `SELECT body FROM snapshots WHERE name = ?`, name).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// SetAppliedConfig records the configuration the kiosk now runs.
func (db *DB) SetAppliedConfig(ctx context.Context, version int64, body []byte) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO applied_config (id, version, body, applied_at) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body, applied_at = excluded.applied_at`,
		version, body, db.now())
	if err != nil {
		return domainError("set applied config", err)
	}
	return nil
}

// AppliedConfig returns the configuration version last applied and its
// body; version 0 and no body before any.
func (db *DB) AppliedConfig(ctx context.Context) (int64, []byte, error) {
	var v int64
	var body []byte
	err := db.db.QueryRowContext(ctx, `SELECT version, body FROM applied_config WHERE id = 1`).Scan(&v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("applied config: %w", err)
	}
	return v, body, nil
}

// SeeNonce records a command nonce until it expires and reports whether it
// is new. A nonce seen before means a replayed command. Expired nonces are
// forgotten on the way: their commands are refused for expiry anyway.
func (db *DB) SeeNonce(ctx context.Context, nonce string, expires time.Time) (bool, error) {
	if nonce == "" {
		return false, kiosk.Errorf(kiosk.EINVALID, "empty nonce")
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return false, domainError("see nonce", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM seen_nonces WHERE expires_at < ?`, db.now()); err != nil {
		return false, domainError("see nonce", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO seen_nonces (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING`,
		nonce, formatTime(expires))
	if err != nil {
		return false, domainError("see nonce", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("see nonce: %w", err)
	}
	return n == 1, domainError("see nonce: commit", tx.Commit())
}

// AddCounter adds delta to the named telemetry counter.
func (db *DB) AddCounter(ctx context.Context, name string, delta int64) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO counters (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`, name, delta)
	if err != nil {
		return domainError("add counter", err)
	}
	return nil
}

// Counters returns every telemetry counter.
func (db *DB) Counters(ctx context.Context) (map[string]int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT name, value FROM counters`)
	if err != nil {
		return nil, fmt.Errorf("counters: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var name string
		var v int64
		if err := rows.Scan(&name, &v); err != nil {
			return nil, fmt.Errorf("counters: %w", err)
		}
		out[name] = v
	}
	return out, rows.Err()
}

// ticketExtras are the JSON of an update's item and referrals, "" for none.
func ticketExtras(u kiosk.TicketUpdate) (item, refs string) {
	if u.Item != nil {
		b, _ := json.Marshal(u.Item) // a Text always marshals
		item = string(b)
	}
	if len(u.Referrals) > 0 {
		b, _ := json.Marshal(u.Referrals)
		refs = string(b)
	}
	return item, refs
}

func readTicketExtras(u *kiosk.TicketUpdate, item, refs string) error {
	if item != "" {
		u.Item = &kiosk.Text{}
		if err := json.Unmarshal([]byte(item), u.Item); err != nil {
			return fmt.Errorf("lookup ticket: item: %w", err)
		}
	}
	if refs != "" {
		if err := json.Unmarshal([]byte(refs), &u.Referrals); err != nil {
			return fmt.Errorf("lookup ticket: referrals: %w", err)
		}
	}
	return nil
}
