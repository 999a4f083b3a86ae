package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// textSearch reports whether the filter searches text (not a ticket code).
func textSearch(f hub.Filter) bool {
	if _, err := kiosk.ParseTicket(f.Search); err == nil {
		return false
	}
	return hub.SearchQuery(f.Search) != ""
}

// searchInbox serves a text search in one pass over the cases the search
// index finds: their counts and the page's rows are worked out here, then
// only the page's cases are read whole.
func (db *DB) searchInbox(ctx context.Context, f hub.Filter, in hub.Inbox) (hub.Inbox, error) {
	rest := hub.Filter{Kiosk: f.Kiosk, Building: f.Building, From: f.From, To: f.To, Search: f.Search, Flagged: f.Flagged}
	w, args := db.where(rest)
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

const insertSearch = `INSERT INTO cases_search (rowid, terms) VALUES (?, ?)`

// searchTerms is what the search index holds for a case: the terms of its
// text (a voice message's summary), reply and a voice message's transcript.
func searchTerms(c *hub.Case) string {
	return strings.Join(hub.SearchTerms(c.Text+"\n"+c.Reply+"\n"+c.ReplyEn+"\n"+c.Transcript), " ")
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
