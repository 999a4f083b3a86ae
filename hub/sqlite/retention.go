package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.RetentionStore = (*DB)(nil)

// PurgePersonalData erases the free text and contact details of the
// closed cases last changed before cutoff (the submission's body loses
// them, the case's text and search terms are made again without them) and
// deletes the refused submissions received before cutoff, with the
// purge's audit records, in one transaction. The store overwrites what it
// deletes (secure_delete); afterwards the search index is merged (so no
// segment keeps the old terms) and the WAL emptied, so the erased bytes
// are nowhere in the station's files. A dry run only counts.
func (db *DB) PurgePersonalData(ctx context.Context, cutoff, at time.Time, dryRun bool) (hub.PurgeReport, error) {
	rep := hub.PurgeReport{At: at, Cutoff: cutoff, DryRun: dryRun}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, fmt.Errorf("purge: %w", err)
	}
	defer tx.Rollback()
	ids, err := purgeCandidates(ctx, tx, cutoff, db.sql.personal)
	if err != nil {
		return rep, err
	}
	for _, id := range ids {
		done, err := db.purgeCase(ctx, tx, id, cutoff, dryRun)
		if err != nil {
			return rep, err
		}
		if done {
			rep.Cases++
		}
	}
	cut := sqlitedb.FormatTime(cutoff)
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rejected_submissions WHERE received_at < ?`, cut).Scan(&rep.Refused); err != nil {
		return rep, fmt.Errorf("purge: refused: %w", err)
	}
	if dryRun {
		return rep, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rejected_submissions WHERE received_at < ?`, cut); err != nil {
		return rep, fmt.Errorf("purge: refused: %w", err)
	}
	for _, a := range rep.Audits() {
		if err := insertAudit(ctx, tx, a); err != nil {
			return rep, err
		}
	}
	if rep.Cases > 0 && !db.sql.postgres {
		if _, err := tx.ExecContext(ctx, `INSERT INTO cases_search (cases_search) VALUES ('optimize')`); err != nil {
			return rep, fmt.Errorf("purge: search index: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return rep, fmt.Errorf("purge: %w", err)
	}
	if db.sql.postgres {
		return rep, nil // PostgreSQL: see docs/OPERATIONS.md (VACUUM FULL)
	}
	return rep, sqlitedb.TruncateWAL(ctx, db.db)
}

// purgeCandidates lists the closed cases changed before cutoff whose
// submission still holds free text or contact details.
func purgeCandidates(ctx context.Context, tx *sql.Tx, cutoff time.Time, personal string) ([]string, error) {
	closed := hub.ClosedStatuses()
	args := []any{}
	for _, s := range closed {
		args = append(args, string(s))
	}
	args = append(args, sqlitedb.FormatTime(cutoff))
	rows, err := tx.QueryContext(ctx, `SELECT c.id FROM cases c JOIN submissions s ON s.id = c.id
		WHERE c.status IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(closed)), ", ")+`) AND c.updated_at < ?
		  AND `+personal, args...)
	if err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("purge: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// purgeCase erases one case's personal data, if the domain's rule says it
// is due, and reports whether it did (or would).
func (db *DB) purgeCase(ctx context.Context, tx *sql.Tx, id string, cutoff time.Time, dryRun bool) (bool, error) {
	c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ?`, id))
	if err != nil {
		return false, fmt.Errorf("purge %s: %w", id, err)
	}
	var body string
	if err := tx.QueryRowContext(ctx, `SELECT body FROM submissions WHERE id = ?`, id).Scan(&body); err != nil {
		return false, fmt.Errorf("purge %s: %w", id, err)
	}
	var b kiosk.Body
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return false, fmt.Errorf("purge %s: body: %w", id, err)
	}
	if !hub.PurgeDue(c, cutoff) || !hub.HasPersonalData(b) {
		return false, nil
	}
	if dryRun {
		return true, nil
	}
	r := hub.Received{Submission: kiosk.Submission{Kind: c.Kind, Body: hub.Anonymise(b)}}
	c.Text = hub.NewCase(&r, db.catalog()).Text
	if _, err := tx.ExecContext(ctx, `UPDATE submissions SET body = `+db.sql.anonymised+` WHERE id = ?`, id); err != nil {
		return false, fmt.Errorf("purge %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET text = ? WHERE id = ?`, c.Text, id); err != nil {
		return false, fmt.Errorf("purge %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases_search SET terms = ? WHERE rowid = (SELECT n FROM cases WHERE id = ?)`, searchTerms(&c), id); err != nil {
		return false, fmt.Errorf("purge %s: search: %w", id, err)
	}
	return true, nil
}
