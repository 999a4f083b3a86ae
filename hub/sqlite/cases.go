package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

const caseColumns = `id, ticket, kiosk, kind, topic, building, text, rating, at, received_at, clock_synced, flagged,
	status, matter, item, priority, assignee, duplicate_of, reason, reply, reply_en, replied_at, wall_text,
	published_at, updated_at, version, gov_body, due, delib_item, delib_title, referrals, voice_ms, transcript`

// newCaseColumns are the columns hub.NewCase sets: a case the ingest makes
// leaves the others (the desk's work on it) to their defaults, and binds
// less than half the values.
const newCaseColumns = `id, ticket, kiosk, kind, topic, building, text, rating, at, received_at, clock_synced, flagged,
	status, updated_at, voice_ms`

// newCaseFields is how many newCaseColumns there are.
const newCaseFields = 15

var (
	caseValues = `(` + strings.TrimSuffix(strings.Repeat("?, ", newCaseFields+1), ", ") + `)`
	insertCase = ` INTO cases (n, ` + newCaseColumns + `) VALUES ` + caseValues
)

// appendCaseArgs appends the values of newCaseColumns for c, a case
// hub.NewCase made.
func appendCaseArgs(args []any, c *hub.Case) []any {
	return append(args, c.ID, c.Ticket, c.Kiosk, string(c.Kind), c.Topic, c.Building, c.Text, c.Rating, sqlitedb.FormatTime(c.At),
		sqlitedb.FormatTime(c.ReceivedAt), c.ClockSynced, c.Flagged, string(c.Status), sqlitedb.FormatTime(c.UpdatedAt), c.VoiceMS)
}

type scanner interface{ Scan(...any) error }

func scanCase(r scanner) (hub.Case, error) {
	var c hub.Case
	var kind, at, received, status, matter, updated string
	var prio int
	var replied, published, due sql.NullString
	var title, refs string
	err := r.Scan(&c.ID, &c.Ticket, &c.Kiosk, &kind, &c.Topic, &c.Building, &c.Text, &c.Rating, &at, &received,
		&c.ClockSynced, &c.Flagged, &status, &matter, &c.Item, &prio, &c.Assignee, &c.DuplicateOf, &c.Reason,
		&c.Reply, &c.ReplyEn, &replied, &c.WallText, &published, &updated, &c.Version,
		&c.GovBody, &due, &c.DelibItem, &title, &refs, &c.VoiceMS, &c.Transcript)
	if err != nil {
		return c, err
	}
	if err := scanRouting(&c, due, title, refs); err != nil {
		return c, err
	}
	c.Kind, c.Status, c.Matter, c.Priority = kiosk.Kind(kind), kiosk.TicketStatus(status), kiosk.Matter(matter), hub.Priority(prio)
	c.At, _ = sqlitedb.ParseTime(at)
	c.ReceivedAt, _ = sqlitedb.ParseTime(received)
	c.UpdatedAt, _ = sqlitedb.ParseTime(updated)
	if replied.Valid {
		c.RepliedAt, _ = sqlitedb.ParseTime(replied.String)
	}
	if published.Valid {
		c.PublishedAt, _ = sqlitedb.ParseTime(published.String)
	}
	return c, nil
}

// Case returns a case and its submission.
func (db *DB) Case(ctx context.Context, id string) (hub.Case, hub.Received, error) {
	var r hub.Received
	c, err := scanCase(db.db.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, r, kiosk.Errorf(kiosk.ENOTFOUND, "no case %s", id)
	}
	if err != nil {
		return c, r, fmt.Errorf("case %s: %w", id, err)
	}
	var kind, created, body, received string
	err = db.db.QueryRowContext(ctx, `SELECT id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at FROM submissions WHERE id = ?`, id).
		Scan(&r.ID, &r.Kiosk, &r.Seq, &kind, &r.Ticket, &created, &r.ClockSynced, &body, &received)
	if err != nil {
		return c, r, fmt.Errorf("case %s: submission: %w", id, err)
	}
	r.Kind = kiosk.Kind(kind)
	r.CreatedAt, _ = sqlitedb.ParseTime(created)
	r.ReceivedAt, _ = sqlitedb.ParseTime(received)
	r.RawBody = json.RawMessage(body)
	if err := json.Unmarshal([]byte(body), &r.Body); err != nil {
		return c, r, fmt.Errorf("case %s: body: %w", id, err)
	}
	return c, r, nil
}

// CaseByTicket returns the case of a ticket code.
func (db *DB) CaseByTicket(ctx context.Context, ticket string) (hub.Case, error) {
	t, err := kiosk.ParseTicket(ticket)
	if err != nil {
		return hub.Case{}, err
	}
	c, err := scanCase(db.db.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id IN (SELECT id FROM submissions WHERE ticket = ?) ORDER BY at LIMIT 1`, t.Code))
	if errors.Is(err, sql.ErrNoRows) {
		return c, kiosk.Errorf(kiosk.ENOTFOUND, "no ticket %s", kiosk.FormatTicket(t.Code))
	}
	if err != nil {
		return c, fmt.Errorf("ticket %s: %w", t.Code, err)
	}
	return c, nil
}

// EachCase calls fn for every case the filter selects, newest first.
func (db *DB) EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error {
	w, args := db.where(f)
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases`+w+` ORDER BY at DESC, id DESC`, args...)
	if err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Published returns the cases on the wall, newest first.
func (db *DB) Published(ctx context.Context, limit int) ([]hub.Case, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE published_at IS NOT NULL ORDER BY published_at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("published: %w", err)
	}
	defer rows.Close()
	var out []hub.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("published: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

var _ hub.ContactReader = (*DB)(nil)

// Contacts returns the contact details left with each of the submissions
// ids that has some, reading them in batches of 500.
func (db *DB) Contacts(ctx context.Context, ids []string) (map[string]*kiosk.Contact, error) {
	out := map[string]*kiosk.Contact{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := db.db.QueryContext(ctx, `SELECT id, `+db.sql.contact+` FROM submissions
			WHERE id IN (`+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+`) AND `+db.sql.hasContact, args...)
		if err != nil {
			return nil, fmt.Errorf("contacts: %w", err)
		}
		for rows.Next() {
			var id, raw string
			if err := rows.Scan(&id, &raw); err != nil {
				rows.Close()
				return nil, fmt.Errorf("contacts: %w", err)
			}
			var c kiosk.Contact
			if err := json.Unmarshal([]byte(raw), &c); err != nil {
				rows.Close()
				return nil, fmt.Errorf("contacts: %s: %w", id, err)
			}
			out[id] = &c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("contacts: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}
