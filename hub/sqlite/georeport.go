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

var _ hub.GeoReportStore = (*DB)(nil)

// GeoRequests returns the opinions the filter selects, newest first.
func (db *DB) GeoRequests(ctx context.Context, f hub.GeoFilter) ([]hub.Case, error) {
	conds := []string{`kind = 'opinion'`, `flagged = 0`}
	var args []any
	in := func(col string, vals []string) {
		conds = append(conds, col+` IN (?`+strings.Repeat(", ?", len(vals)-1)+`)`)
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if len(f.Tickets) > 0 { // through the submissions' ticket index
		conds = append(conds, `id IN (SELECT id FROM submissions WHERE ticket IN (?`+strings.Repeat(", ?", len(f.Tickets)-1)+`))`)
		for _, t := range f.Tickets {
			args = append(args, t)
		}
	} else {
		if len(f.Services) > 0 {
			in("topic", f.Services)
		}
		if !f.Start.IsZero() {
			conds, args = append(conds, `at >= ?`), append(args, sqlitedb.FormatTime(f.Start))
		}
		if !f.End.IsZero() {
			conds, args = append(conds, `at < ?`), append(args, sqlitedb.FormatTime(f.End))
		}
		if len(f.Statuses) > 0 {
			st := make([]string, len(f.Statuses))
			for i, s := range f.Statuses {
				st[i] = string(s)
			}
			in(db.sql.unindexed+"status", st) // the time index, walked newest first, beats sorting every open case
		}
	}
	limit := f.Limit
	if limit <= 0 || limit > hub.GeoMaxRequests {
		limit = hub.GeoMaxRequests
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+strings.Join(conds, " AND ")+
		` ORDER BY at DESC, n DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("georeport requests: %w", err)
	}
	defer rows.Close()
	var out []hub.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("georeport requests: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CaseByToken returns the case of a submission id.
func (db *DB) CaseByToken(ctx context.Context, token string) (hub.Case, error) {
	c, err := scanCase(db.db.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ?`, token))
	if errors.Is(err, sql.ErrNoRows) {
		return c, kiosk.Errorf(kiosk.ENOTFOUND, "no token %s", token)
	}
	if err != nil {
		return c, fmt.Errorf("token: %w", err)
	}
	return c, nil
}

// SubmitPartner stores a partner's submission with its case, numbered
// after the key's last one, once per idempotency key.
func (db *DB) SubmitPartner(ctx context.Context, key hub.APIKey, idem string, r hub.Received) (hub.Case, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return hub.Case{}, fmt.Errorf("partner request: %w", err)
	}
	defer tx.Rollback()
	if idem != "" {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT submission FROM partner_requests WHERE api_key = ? AND idem = ?`, key.ID, idem).Scan(&id)
		if err == nil {
			return scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ?`, id))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return hub.Case{}, fmt.Errorf("partner request: %w", err)
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM submissions WHERE kiosk = ?`, r.Kiosk).Scan(&r.Seq); err != nil {
		return hub.Case{}, fmt.Errorf("partner request: %w", err)
	}
	r.Ticket = key.TicketCode(r.Seq)
	body, err := json.Marshal(&r.Body)
	if err != nil {
		return hub.Case{}, fmt.Errorf("partner request: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO submissions (id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at, in_stats)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, r.ID, r.Kiosk, r.Seq, string(r.Kind), r.Ticket, sqlitedb.FormatTime(r.CreatedAt),
		r.ClockSynced, string(body), sqlitedb.FormatTime(r.ReceivedAt)); err != nil {
		return hub.Case{}, fmt.Errorf("partner request: %w", err)
	}
	if err := db.makeCases(ctx, tx, []*hub.Received{&r}); err != nil {
		return hub.Case{}, err
	}
	if idem != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO partner_requests (api_key, idem, submission) VALUES (?, ?, ?)`, key.ID, idem, r.ID); err != nil {
			return hub.Case{}, fmt.Errorf("partner request: %w", err)
		}
	}
	c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ?`, r.ID))
	if err != nil {
		return c, fmt.Errorf("partner request: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return hub.Case{}, fmt.Errorf("partner request: commit: %w", err)
	}
	return c, nil
}
