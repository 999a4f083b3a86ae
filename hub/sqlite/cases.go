package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.StationStore = (*DB)(nil)

const caseColumns = `id, ticket, kiosk, kind, topic, building, text, rating, at, received_at, clock_synced, flagged,
	status, matter, item, priority, assignee, duplicate_of, reason, reply, reply_en, replied_at, wall_text,
	published_at, updated_at, version`

var insertCase = `INSERT INTO cases (` + caseColumns + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?, ", 26), ", ") + `)`

// caseArgs are the values of caseColumns for c.
func caseArgs(c *hub.Case) []any {
	return []any{c.ID, c.Ticket, c.Kiosk, string(c.Kind), c.Topic, c.Building, c.Text, c.Rating, sqlitedb.FormatTime(c.At),
		sqlitedb.FormatTime(c.ReceivedAt), c.ClockSynced, c.Flagged, string(c.Status), string(c.Matter), c.Item,
		int(c.Priority), c.Assignee, c.DuplicateOf, c.Reason, c.Reply, c.ReplyEn, nullTime(c.RepliedAt), c.WallText,
		nullTime(c.PublishedAt), sqlitedb.FormatTime(c.UpdatedAt), c.Version}
}

type scanner interface{ Scan(...any) error }

func scanCase(r scanner) (hub.Case, error) {
	var c hub.Case
	var kind, at, received, status, matter, updated string
	var prio int
	var replied, published sql.NullString
	err := r.Scan(&c.ID, &c.Ticket, &c.Kiosk, &kind, &c.Topic, &c.Building, &c.Text, &c.Rating, &at, &received,
		&c.ClockSynced, &c.Flagged, &status, &matter, &c.Item, &prio, &c.Assignee, &c.DuplicateOf, &c.Reason,
		&c.Reply, &c.ReplyEn, &replied, &c.WallText, &published, &updated, &c.Version)
	if err != nil {
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

// where turns a filter into SQL conditions for the counts.
func where(f hub.Filter) (string, []any) { return conditions(f, false) }

// conditions turns a filter into SQL conditions. For a page (newest
// first), "open" is written so that no status index is used: walking the
// time index until the page is full beats sorting every open case.
func conditions(f hub.Filter, page bool) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) { conds = append(conds, cond); args = append(args, a...) }
	{
		switch f.Status {
		case "":
		case hub.StatusOpen:
			if page {
				add(`status NOT IN ('closed', 'duplicate', 'not_applicable')`)
			} else {
				// As a list, so the status indexes serve it.
				add(`status IN ('received', 'triaged', 'assigned', 'in_progress', 'replied')`)
			}
		default:
			add(`status = ?`, string(f.Status))
		}
	}
	if f.Kind != "" {
		add(`kind = ?`, string(f.Kind))
	}
	if f.Matter != "" {
		if f.Matter == hub.Untriaged {
			add(`matter = ''`)
		} else {
			add(`matter = ?`, string(f.Matter))
		}
	}
	if f.Topic != "" {
		add(`topic = ?`, f.Topic)
	}
	if f.Kiosk != "" {
		add(`kiosk = ?`, f.Kiosk)
	}
	if f.Building != "" {
		add(`building = ?`, f.Building)
	}
	if !f.From.IsZero() {
		add(`at >= ?`, sqlitedb.FormatTime(f.From))
	}
	if !f.To.IsZero() {
		add(`at < ?`, sqlitedb.FormatTime(f.To))
	}
	if f.Assignee != "" {
		add(`assignee = ?`, f.Assignee)
	}
	switch f.Flagged {
	case hub.FlagOnly:
		add(`flagged = 1`)
	case hub.FlagNone:
		add(`flagged = 0`)
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		if t, err := kiosk.ParseTicket(s); err == nil {
			add(`id IN (SELECT id FROM submissions WHERE ticket = ?)`, t.Code)
		} else if q := hub.SearchQuery(s); q == "" {
			add(`0`) // nothing searchable typed (only punctuation): nothing matches
		} else {
			add(`n IN (SELECT rowid FROM cases_search WHERE cases_search MATCH ?)`, q)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Inbox returns one page of cases, newest first, with the counts per
// status, kind and matter. Paging is done by SQL.
func (db *DB) Inbox(ctx context.Context, f hub.Filter) (hub.Inbox, error) {
	in := hub.NewInbox()
	if textSearch(f) {
		return db.searchInbox(ctx, f, in)
	}
	w, args := conditions(f, true)
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases`+w+` ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.PageSize(), max(f.Offset, 0))...)
	if err != nil {
		return in, fmt.Errorf("inbox: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return in, fmt.Errorf("inbox: %w", err)
		}
		in.Cases = append(in.Cases, c)
	}
	if err := rows.Err(); err != nil {
		return in, fmt.Errorf("inbox: %w", err)
	}
	// All the counts at once: by status, kind, class, topic and assignee
	// under the other filters, then added up for each select. Without
	// other filters they come from case_counts, kept by triggers; with
	// them, from one scan of the covering index.
	rest := hub.Filter{Kiosk: f.Kiosk, Building: f.Building, From: f.From, To: f.To, Search: f.Search}
	var crow *sql.Rows
	if rest == (hub.Filter{}) {
		cond := ""
		switch f.Flagged {
		case hub.FlagOnly:
			cond = ` WHERE flagged = 1`
		case hub.FlagNone:
			cond = ` WHERE flagged = 0`
		}
		crow, err = db.db.QueryContext(ctx, `SELECT status, kind, matter, topic, assignee, sum(n) FROM case_counts`+cond+` GROUP BY 1, 2, 3, 4, 5`)
	} else {
		rest.Flagged = f.Flagged
		w, args = where(rest)
		crow, err = db.db.QueryContext(ctx, `SELECT status, kind, matter, topic, assignee, count(*) FROM cases`+w+` GROUP BY 1, 2, 3, 4, 5`, args...)
	}
	if err != nil {
		return in, fmt.Errorf("inbox counts: %w", err)
	}
	defer crow.Close()
	for crow.Next() {
		var g facets
		var n int
		if err := crow.Scan(&g.status, &g.kind, &g.matter, &g.topic, &g.assignee, &n); err != nil {
			return in, fmt.Errorf("inbox counts: %w", err)
		}
		in.Count(f, g.Facets(), n)
	}
	return in, crow.Err()
}

// searchInbox serves a text search in one pass over the cases the search
// index finds: their counts and the page's rows are worked out here, then
// only the page's cases are read whole.
func (db *DB) searchInbox(ctx context.Context, f hub.Filter, in hub.Inbox) (hub.Inbox, error) {
	rest := hub.Filter{Kiosk: f.Kiosk, Building: f.Building, From: f.From, To: f.To, Search: f.Search, Flagged: f.Flagged}
	w, args := where(rest)
	rows, err := db.db.QueryContext(ctx, `SELECT n, at, id, status, kind, matter, topic, assignee FROM cases`+w, args...)
	if err != nil {
		return in, fmt.Errorf("inbox search: %w", err)
	}
	type hit struct {
		n      int64
		at, id string
	}
	var hits []hit
	for rows.Next() {
		var h hit
		var g facets
		if err := rows.Scan(&h.n, &h.at, &h.id, &g.status, &g.kind, &g.matter, &g.topic, &g.assignee); err != nil {
			rows.Close()
			return in, fmt.Errorf("inbox search: %w", err)
		}
		if in.Count(f, g.Facets(), 1) {
			hits = append(hits, h)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, fmt.Errorf("inbox search: %w", err)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].at != hits[j].at {
			return hits[i].at > hits[j].at
		}
		return hits[i].id > hits[j].id
	})
	lo := min(max(f.Offset, 0), len(hits))
	hi := min(lo+f.PageSize(), len(hits))
	if lo == hi {
		return in, nil
	}
	ns := make([]any, 0, hi-lo)
	for _, h := range hits[lo:hi] {
		ns = append(ns, h.n)
	}
	page, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE n IN (?`+strings.Repeat(", ?", len(ns)-1)+
		`) ORDER BY at DESC, id DESC`, ns...)
	if err != nil {
		return in, fmt.Errorf("inbox search: %w", err)
	}
	defer page.Close()
	for page.Next() {
		c, err := scanCase(page)
		if err != nil {
			return in, fmt.Errorf("inbox search: %w", err)
		}
		in.Cases = append(in.Cases, c)
	}
	return in, page.Err()
}

// EachCase calls fn for every case the filter selects, newest first.
func (db *DB) EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error {
	w, args := where(f)
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

// SaveCase stores a changed case if nobody changed it since version prev,
// with its audit record and the kiosk's ticket update, in one transaction.
func (db *DB) SaveCase(ctx context.Context, c hub.Case, prev int64, a hub.Audit, update *kiosk.TicketUpdate) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save case: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, matter = ?, item = ?, priority = ?, assignee = ?,
		duplicate_of = ?, reason = ?, reply = ?, reply_en = ?, replied_at = ?, wall_text = ?, published_at = ?,
		updated_at = ?, version = ? WHERE id = ? AND version = ?`,
		string(c.Status), string(c.Matter), c.Item, int(c.Priority), c.Assignee, c.DuplicateOf, c.Reason, c.Reply,
		c.ReplyEn, nullTime(c.RepliedAt), c.WallText, nullTime(c.PublishedAt), sqlitedb.FormatTime(c.UpdatedAt),
		c.Version, c.ID, prev)
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
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save case: commit: %w", err)
	}
	return nil
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

// SentTicketsKept is how long sent ticket updates stay in the outbox.
const SentTicketsKept = 30 * 24 * time.Hour

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
		sqlitedb.FormatTime(at.Add(-SentTicketsKept))); err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	return nil
}

// Snapshot returns the stored snapshot of a name (version 0 when none).
func (db *DB) Snapshot(ctx context.Context, name string) (int64, json.RawMessage, error) {
	var v int64
	var p string
	err := db.db.QueryRowContext(ctx, `SELECT version, payload FROM snapshots WHERE name = ?`, name).Scan(&v, &p)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("snapshot %s: %w", name, err)
	}
	return v, json.RawMessage(p), nil
}

// PutSnapshot stores a snapshot; a version not above the stored one is refused.
func (db *DB) PutSnapshot(ctx context.Context, name string, version int64, payload json.RawMessage) error {
	res, err := db.db.ExecContext(ctx, `INSERT INTO snapshots (name, version, payload) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET version = excluded.version, payload = excluded.payload WHERE excluded.version > snapshots.version`,
		name, version, string(payload))
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kiosk.Errorf(kiosk.ECONFLICT, "snapshot %s: version %d is not newer than the stored one", name, version)
	}
	return nil
}

// textSearch reports whether the filter searches text (not a ticket code).
func textSearch(f hub.Filter) bool {
	if _, err := kiosk.ParseTicket(f.Search); err == nil {
		return false
	}
	return hub.SearchQuery(f.Search) != ""
}

const insertSearch = `INSERT INTO cases_search (rowid, terms) VALUES (?, ?)`

// searchTerms is what the search index holds for a case: the terms of its
// text and reply.
func searchTerms(c *hub.Case) string {
	return strings.Join(hub.SearchTerms(c.Text+"\n"+c.Reply+"\n"+c.ReplyEn), " ")
}

// indexSearch fills the search index for the cases the migration made
// from submissions stored before it, once: the migration leaves a row in
// search_backfill when there were any.
func indexSearch(ctx context.Context, sdb *sql.DB) error {
	var pending int
	if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM search_backfill`).Scan(&pending); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if pending == 0 {
		return nil
	}
	rows, err := sdb.QueryContext(ctx, `SELECT n, `+caseColumns+` FROM cases WHERE n NOT IN (SELECT rowid FROM cases_search)`)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	var todo [][]any
	for rows.Next() {
		var n int64
		c, err := scanCase(prefixed{rows, &n})
		if err != nil {
			rows.Close()
			return fmt.Errorf("search index: %w", err)
		}
		todo = append(todo, []any{n, searchTerms(&c)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tx, err := sdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	defer tx.Rollback()
	for _, args := range todo {
		if _, err := tx.ExecContext(ctx, insertSearch, args...); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_backfill`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return tx.Commit()
}

// prefixed scans one leading column into n, then the rest as a case.
type prefixed struct {
	r scanner
	n *int64
}

func (p prefixed) Scan(dest ...any) error { return p.r.Scan(append([]any{p.n}, dest...)...) }

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

// facets are the grouped columns of the counts as scanned.
type facets struct{ status, kind, matter, topic, assignee string }

func (g facets) Facets() hub.Facets {
	return hub.Facets{Status: kiosk.TicketStatus(g.status), Kind: kiosk.Kind(g.kind), Matter: kiosk.Matter(g.matter),
		Topic: g.topic, Assignee: g.assignee}
}
