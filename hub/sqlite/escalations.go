package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.EscalationStore = (*DB)(nil)

// Upstreams lists the bodies with an Open311 endpoint.
func (db *DB) Upstreams(ctx context.Context) ([]hub.Upstream, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT body, url, api_key, jurisdiction, service_code, area FROM upstreams ORDER BY body`)
	if err != nil {
		return nil, fmt.Errorf("upstreams: %w", err)
	}
	defer rows.Close()
	var out []hub.Upstream
	for rows.Next() {
		var u hub.Upstream
		if err := rows.Scan(&u.Body, &u.URL, &u.APIKey, &u.Jurisdiction, &u.ServiceCode, &u.Area); err != nil {
			return nil, fmt.Errorf("upstreams: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// PutUpstream adds or changes a body's endpoint and queues the open 大事
// already routed to it (the trigger queues those routed later).
func (db *DB) PutUpstream(ctx context.Context, u hub.Upstream) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, "upstream", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO upstreams (body, url, api_key, jurisdiction, service_code, area) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (body) DO UPDATE SET url = excluded.url, api_key = excluded.api_key, jurisdiction = excluded.jurisdiction,
			service_code = excluded.service_code, area = excluded.area`, u.Body, u.URL, u.APIKey, u.Jurisdiction, u.ServiceCode, u.Area); err != nil {
			return err
		}
		now := sqlitedb.FormatTime(db.Now())
		_, err := tx.ExecContext(ctx, `INSERT INTO escalations (case_id, body, state, next_at, created_at)
			SELECT id, gov_body, 'pending', ?, ? FROM cases WHERE gov_body = ? AND matter = 'big'
			AND status NOT IN ('closed', 'duplicate', 'not_applicable') ON CONFLICT DO NOTHING`, now, now, u.Body)
		return err
	})
}

// DeleteUpstream removes a body's endpoint; its escalations not sent yet
// are dropped.
func (db *DB) DeleteUpstream(ctx context.Context, body string) error {
	return db.inTx(ctx, "delete upstream", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM upstreams WHERE body = ?`, body)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kiosk.Errorf(kiosk.ENOTFOUND, "no upstream %q", body)
		}
		_, err = tx.ExecContext(ctx, `UPDATE escalations SET state = 'dropped' WHERE body = ? AND state = 'pending'`, body)
		return err
	})
}

const escalationColumns = `case_id, body, state, attempts, next_at, last_error, upstream_id, status, notes, updated, created_at`

func scanEscalation(r scanner) (hub.Escalation, error) {
	var e hub.Escalation
	var next, created string
	var updated sql.NullString
	if err := r.Scan(&e.Case, &e.Body, &e.State, &e.Attempts, &next, &e.LastError, &e.UpstreamID, &e.Status, &e.Notes, &updated, &created); err != nil {
		return e, err
	}
	e.NextAt, _ = sqlitedb.ParseTime(next)
	e.CreatedAt, _ = sqlitedb.ParseTime(created)
	if updated.Valid {
		e.Updated, _ = sqlitedb.ParseTime(updated.String)
	}
	return e, nil
}

func (db *DB) escalations(ctx context.Context, q string, args ...any) ([]hub.Escalation, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+escalationColumns+` FROM escalations `+q, args...)
	if err != nil {
		return nil, fmt.Errorf("escalations: %w", err)
	}
	defer rows.Close()
	var out []hub.Escalation
	for rows.Next() {
		e, err := scanEscalation(rows)
		if err != nil {
			return nil, fmt.Errorf("escalations: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// DueEscalations returns the escalations to send or poll now.
func (db *DB) DueEscalations(ctx context.Context, now time.Time, limit int) ([]hub.Escalation, error) {
	return db.escalations(ctx, `WHERE state IN ('pending', 'sent') AND next_at <= ? ORDER BY next_at LIMIT ?`, sqlitedb.FormatTime(now), limit)
}

// Escalations returns a case's escalations.
func (db *DB) Escalations(ctx context.Context, caseID string) ([]hub.Escalation, error) {
	return db.escalations(ctx, `WHERE case_id = ? ORDER BY created_at`, caseID)
}

// PutEscalation stores the escalation and its news in one transaction.
func (db *DB) PutEscalation(ctx context.Context, e hub.Escalation, a *hub.Audit) error {
	return db.inTx(ctx, "escalation", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE escalations SET state = ?, attempts = ?, next_at = ?, last_error = ?, upstream_id = ?,
			status = ?, notes = ?, updated = ? WHERE case_id = ? AND body = ?`, e.State, e.Attempts, sqlitedb.FormatTime(e.NextAt),
			e.LastError, e.UpstreamID, e.Status, e.Notes, nullTime(e.Updated), e.Case, e.Body)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kiosk.Errorf(kiosk.ENOTFOUND, "no escalation of %s to %s", e.Case, e.Body)
		}
		if a != nil {
			return insertAudit(ctx, tx, *a)
		}
		return nil
	})
}
