package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Outbox states.
const (
	StatePending  = "pending"
	StateInflight = "inflight"
	StateAcked    = "acked"
)

// Claim marks up to limit pending rows inflight, oldest seq first, counting
// the attempt, and returns their submissions in seq order for the relay to
// publish.
func (db *DB) Claim(ctx context.Context, limit int) ([]kiosk.Submission, error) {
	_, subs, err := db.AckAndClaim(ctx, nil, limit)
	return subs, err
}

// AckAndClaim marks the submissions with the given ids delivered and claims
// up to limit pending ones, in one transaction: the relay's usual step when
// acks arrive, at the cost of one commit instead of two.
func (db *DB) AckAndClaim(ctx context.Context, ids []string, limit int) (int, []kiosk.Submission, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, domainError("ack and claim", err)
	}
	defer tx.Rollback()
	acked, err := db.ack(ctx, tx, ids)
	if err != nil {
		return 0, nil, err
	}
	subs, err := db.claim(ctx, tx, limit)
	if err != nil {
		return 0, nil, err
	}
	if err := tx.Commit(); err != nil {
		return 0, nil, domainError("ack and claim: commit", err)
	}
	return acked, subs, nil
}

func (db *DB) claim(ctx context.Context, tx *sql.Tx, limit int) ([]kiosk.Submission, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, selectSubmission+` JOIN outbox o ON o.seq = s.seq
		WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	if len(subs) == 0 {
		return nil, nil
	}
	// These are the lowest pending seqs, and the write lock is held: every
	// pending row between the first and the last is one of them.
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'inflight', attempts = attempts + 1, last_attempt_at = ?
		WHERE state = 'pending' AND seq BETWEEN ? AND ?`, db.now(), subs[0].Seq, subs[len(subs)-1].Seq); err != nil {
		return nil, domainError("claim", err)
	}
	return subs, nil
}

// Ack marks the submissions with the given ids delivered. Only the hub's
// signed ack, sent after the hub committed them, may lead here. It returns
// how many rows changed; ids unknown or already acked are ignored.
func (db *DB) Ack(ctx context.Context, ids []string) (int, error) {
	n, _, err := db.AckAndClaim(ctx, ids, 0)
	return n, err
}

func (db *DB) ack(ctx context.Context, tx *sql.Tx, ids []string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, db.now())
	for _, id := range ids {
		args = append(args, id)
	}
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'acked', acked_at = ?
		WHERE state != 'acked' AND seq IN (SELECT seq FROM submissions WHERE id IN (?`+strings.Repeat(",?", len(ids)-1)+`))`, args...)
	if err != nil {
		return 0, domainError("ack", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Requeue returns inflight rows whose last attempt is older than age to
// pending, so they are sent again; age 0 requeues every inflight row (on
// reconnect, or when the hub comes back online). It returns how many.
func (db *DB) Requeue(ctx context.Context, age time.Duration) (int, error) {
	q, args := `UPDATE outbox SET state = 'pending' WHERE state = 'inflight'`, []any{}
	if age > 0 {
		q, args = q+` AND last_attempt_at < ?`, append(args, formatTime(db.Now().Add(-age)))
	}
	res, err := db.db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, domainError("requeue", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}
