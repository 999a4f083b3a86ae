package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// where turns a filter into SQL conditions for the counts.
func (db *DB) where(f hub.Filter) (string, []any) { return db.conditions(f, false) }

// conditions turns a filter into SQL conditions. For a page (newest
// first), "open" is written so that no status index is used: walking the
// time index until the page is full beats sorting every open case.
func (db *DB) conditions(f hub.Filter, page bool) (string, []any) {
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
		// The index of assignees holds only the assigned (migration 0012).
		add(`assignee = ? AND assignee <> ''`, f.Assignee)
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
			add(`1 = 0`) // nothing searchable typed (only punctuation): nothing matches
		} else {
			add(db.sql.search, db.sql.searchArg(q))
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
	var err error
	if in.Cases, err = db.inboxPage(ctx, f); err != nil {
		return in, err
	}
	return in, db.inboxCounts(ctx, f, &in)
}

// inboxPage reads the filter's page of cases.
func (db *DB) inboxPage(ctx context.Context, f hub.Filter) ([]hub.Case, error) {
	w, args := db.conditions(f, true)
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases`+w+` ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.PageSize(), max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	defer rows.Close()
	var out []hub.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return out, fmt.Errorf("inbox: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("inbox: %w", err)
	}
	return out, nil
}

// inboxCounts adds all the counts at once: by status, kind, class, topic
// and assignee under the other filters, then added up for each select.
// Without other filters they come from case_counts, kept by triggers; with
// them, from one scan of the covering index.
func (db *DB) inboxCounts(ctx context.Context, f hub.Filter, in *hub.Inbox) error {
	rest := hub.Filter{Kiosk: f.Kiosk, Building: f.Building, From: f.From, To: f.To, Search: f.Search}
	var rows *sql.Rows
	var err error
	if rest == (hub.Filter{}) {
		cond := ""
		switch f.Flagged {
		case hub.FlagOnly:
			cond = ` WHERE flagged = 1`
		case hub.FlagNone:
			cond = ` WHERE flagged = 0`
		}
		rows, err = db.db.QueryContext(ctx, `SELECT status, kind, matter, topic, assignee, sum(n) FROM case_counts`+cond+` GROUP BY 1, 2, 3, 4, 5`)
	} else {
		rest.Flagged = f.Flagged
		w, args := db.where(rest)
		rows, err = db.db.QueryContext(ctx, `SELECT status, kind, matter, topic, assignee, count(*) FROM cases`+w+` GROUP BY 1, 2, 3, 4, 5`, args...)
	}
	if err != nil {
		return fmt.Errorf("inbox counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g facets
		var n int
		if err := rows.Scan(&g.status, &g.kind, &g.matter, &g.topic, &g.assignee, &n); err != nil {
			return fmt.Errorf("inbox counts: %w", err)
		}
		in.Count(f, g.Facets(), n)
	}
	return rows.Err()
}

// facets are the grouped columns of the counts as scanned.
type facets struct{ status, kind, matter, topic, assignee string }

func (g facets) Facets() hub.Facets {
	return hub.Facets{Status: kiosk.TicketStatus(g.status), Kind: kiosk.Kind(g.kind), Matter: kiosk.Matter(g.matter),
		Topic: g.topic, Assignee: g.assignee}
}
