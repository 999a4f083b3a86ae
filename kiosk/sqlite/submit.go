package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"opinionwall/kiosk"
)

var _ kiosk.SubmissionStore = (*DB)(nil)

// Submit assigns the next seq and its ticket code, then writes the
// submission and its pending outbox row in one transaction. It returns only
// after the commit (synchronous=FULL): when it returns nil the submission
// survives a power cut. On a full disk or read-only media it returns an
// EUNAVAILABLE error and nothing is written.
func (db *DB) Submit(ctx context.Context, s *kiosk.Submission) error {
	if s.ID == "" || s.Kiosk == "" || s.CreatedAt.IsZero() {
		return kiosk.Errorf(kiosk.EINVALID, "submission needs an id, a kiosk and a time")
	}
	body, err := json.Marshal(&s.Body)
	if err != nil {
		return fmt.Errorf("submit: encode body: %w", err)
	}
	seq, ticket, err := db.insert(ctx, s, body)
	if err != nil {
		if kiosk.ErrorCode(err) == kiosk.EUNAVAILABLE {
			db.unavailable.Add(1)
		}
		return err
	}
	s.Seq, s.Ticket = seq, ticket
	return nil
}

func (db *DB) insert(ctx context.Context, s *kiosk.Submission, body []byte) (int64, string, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, "", domainError("submit", err)
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `UPDATE sequence SET value = value + 1 WHERE id = 1 RETURNING value`).Scan(&seq); err != nil {
		return 0, "", domainError("submit: next seq", err)
	}
	ticket := db.Tickets.Code(seq)
	if _, err := tx.ExecContext(ctx, `INSERT INTO submissions (seq, id, kiosk, kind, ticket, created_at, clock_synced, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, s.ID, s.Kiosk, string(s.Kind), ticket, formatTime(s.CreatedAt), s.ClockSynced, body); err != nil {
		if isUniqueViolation(err) {
			return 0, "", kiosk.WrapError(kiosk.ECONFLICT, err, "submission %s is already stored", s.ID)
		}
		return 0, "", domainError("submit: insert", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (seq) VALUES (?)`, seq); err != nil {
		return 0, "", domainError("submit: outbox", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, "", domainError("submit: commit", err)
	}
	return seq, ticket, nil
}

// Submission returns the stored submission with the given seq.
func (db *DB) Submission(ctx context.Context, seq int64) (*kiosk.Submission, error) {
	rows, err := db.db.QueryContext(ctx, selectSubmission+` WHERE s.seq = ?`, seq)
	if err != nil {
		return nil, fmt.Errorf("submission %d: %w", seq, err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("submission %d: %w", seq, err)
	}
	if len(subs) == 0 {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no submission %d", seq)
	}
	return &subs[0], nil
}

const selectSubmission = `SELECT s.seq, s.id, s.kiosk, s.kind, s.ticket, s.created_at, s.clock_synced, s.body FROM submissions s`

type rowScanner interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}

func scanSubmissions(rows rowScanner) ([]kiosk.Submission, error) {
	defer rows.Close()
	var out []kiosk.Submission
	for rows.Next() {
		var s kiosk.Submission
		var kind, created, body string
		if err := rows.Scan(&s.Seq, &s.ID, &s.Kiosk, &kind, &s.Ticket, &created, &s.ClockSynced, &body); err != nil {
			return nil, err
		}
		s.Kind = kiosk.Kind(kind)
		t, err := parseTime(created)
		if err != nil {
			return nil, fmt.Errorf("seq %d: created_at: %w", s.Seq, err)
		}
		s.CreatedAt = t
		if err := json.Unmarshal([]byte(body), &s.Body); err != nil {
			return nil, fmt.Errorf("seq %d: body: %w", s.Seq, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
