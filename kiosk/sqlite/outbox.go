package sqlite

import (
	"context"
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
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, domainError("claim", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `UPDATE outbox SET state = 'inflight', attempts = attempts + 1, last_attempt_at = ?
		WHERE seq IN (SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?) RETURNING seq`, db.now(), limit)
	if err != nil {
		return nil, domainError("claim", err)
	}
	var seqs []any
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			rows.Close()
			return nil, fmt.Errorf("claim: %w", err)
		}
		seqs = append(seqs, seq)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	if len(seqs) == 0 {
		return nil, tx.Commit()
	}
	q := selectSubmission + ` WHERE s.seq IN (?` + strings.Repeat(",?", len(seqs)-1) + `) ORDER BY s.seq`
	srows, err := tx.QueryContext(ctx, q, seqs...)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	subs, err := scanSubmissions(srows)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, domainError("claim: commit", err)
	}
	return subs, nil
}

// Ack marks the submissions with the given ids delivered. Only the hub's
// signed ack, sent after the hub committed them, may lead here. It returns
// how many rows changed; ids unknown or already acked are ignored.
func (db *DB) Ack(ctx context.Context, ids []string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, db.now())
	for _, id := range ids {
		args = append(args, id)
	}
	res, err := db.db.ExecContext(ctx, `UPDATE outbox SET state = 'acked', acked_at = ?
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
