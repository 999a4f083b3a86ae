package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"opinionwall/kiosk"
)

var _ kiosk.SubmissionStore = (*DB)(nil)

// Submit assigns the next seq and its ticket code, then writes the
// submission and its pending outbox row in one transaction: one INSERT whose
// trigger adds the outbox row and moves the sequence counter. It returns
// only after the commit (synchronous=FULL): when it returns nil the
// submission survives a power cut. On a full disk or read-only media it
// returns an EUNAVAILABLE error and nothing is written.
func (db *DB) Submit(ctx context.Context, s *kiosk.Submission) error {
	if s.ID == "" || s.Kiosk == "" || s.CreatedAt.IsZero() {
		return kiosk.Errorf(kiosk.EINVALID, "submission needs an id, a kiosk and a time")
	}
	if db.ro {
		db.unavailable.Add(1)
		return kiosk.Errorf(kiosk.EUNAVAILABLE, "submit: the store is read-only: %s", db.roReasonOr("opened read-only"))
	}
	body, err := json.Marshal(&s.Body)
	if err != nil {
		return fmt.Errorf("submit: encode body: %w", err)
	}
	db.seqMu.Lock()
	defer db.seqMu.Unlock()
	seq, ticket, err := db.insert(ctx, s, body)
	if isSeqOutOfOrder(err) {
		// Someone else wrote a submission (another process on this file):
		// learn the counter again and retry once.
		if err = db.loadSeq(ctx); err == nil {
			seq, ticket, err = db.insert(ctx, s, body)
		}
	}
	if err != nil {
		if kiosk.ErrorCode(err) == kiosk.EUNAVAILABLE {
			db.unavailable.Add(1)
		}
		return err
	}
	db.lastSeq = seq
	s.Seq, s.Ticket = seq, ticket
	return nil
}

func (db *DB) insert(ctx context.Context, s *kiosk.Submission, body []byte) (int64, string, error) {
	seq := db.lastSeq + 1
	ticket, err := db.ticketFor(ctx, seq)
	if err != nil {
		return 0, "", err
	}
	_, err = db.insertStmt.ExecContext(ctx, seq, s.ID, s.Kiosk, string(s.Kind), ticket, formatTime(s.CreatedAt), s.ClockSynced, body)
	if isDuplicateID(err) {
		return 0, "", kiosk.WrapError(kiosk.ECONFLICT, err, "submission %s is already stored", s.ID)
	}
	if err != nil {
		return 0, "", domainError("submit", err)
	}
	return seq, ticket, nil
}

// loadSeq reads the sequence counter into memory.
func (db *DB) loadSeq(ctx context.Context) error {
	if err := db.db.QueryRowContext(ctx, `SELECT value FROM sequence WHERE id = 1`).Scan(&db.lastSeq); err != nil {
		return fmt.Errorf("load seq: %w", err)
	}
	return nil
}

const insertSubmission = `INSERT INTO submissions (seq, id, kiosk, kind, ticket, created_at, clock_synced, body)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

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

func (db *DB) roReasonOr(def string) string {
	if db.roReason != "" {
		return db.roReason
	}
	return def
}
