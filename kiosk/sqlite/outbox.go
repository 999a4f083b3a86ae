package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"opinionwall/kiosk"
)

var _ kiosk.Outbox = (*DB)(nil)

// Outbox states.
const (
	statePending  = "pending"
	stateInflight = "inflight"
	stateAcked    = "acked"
)

// Claim marks up to limit pending rows inflight, oldest seq first, counting
// the attempt, and returns their submissions in seq order for the relay to
// publish.
func (db *DB) Claim(ctx context.Context, limit int) ([]kiosk.Claimed, error) {
	_, subs, err := db.AckAndClaim(ctx, nil, limit)
	return subs, err
}

// AckAndClaim marks the submissions with the given ids delivered and claims
// up to limit pending ones, in one transaction: the relay's usual step when
// acks arrive, at the cost of one commit instead of two.
func (db *DB) AckAndClaim(ctx context.Context, acked []kiosk.Delivered, limit int) (int, []kiosk.Claimed, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, domainError("ack and claim", err)
	}
	defer tx.Rollback()
	n, err := db.ack(ctx, tx, acked)
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
	return n, subs, nil
}

func (db *DB) claim(ctx context.Context, tx *sql.Tx, limit int) ([]kiosk.Claimed, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, claimQuery, limit)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	defer rows.Close()
	var out []kiosk.Claimed
	for rows.Next() {
		var c kiosk.Claimed
		if err := rows.Scan(&c.Seq, &c.ID, &c.JSON); err != nil {
			return nil, fmt.Errorf("claim: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	// These are the lowest pending seqs, and the write lock is held: every
	// pending row between the first and the last is one of them.
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'inflight', attempts = attempts + 1, last_attempt_at = ?
		WHERE state = 'pending' AND seq BETWEEN ? AND ?`, db.now(), out[0].Seq, out[len(out)-1].Seq); err != nil {
		return nil, domainError("claim", err)
	}
	return out, nil
}

// claimQuery selects the lowest pending submissions with their JSON
// encoding, put together by SQLite from the stored columns and the stored
// body (valid JSON, checked when it was written), with the keys of
// kiosk.Submission's JSON tags; a test checks they decode to the same.
const claimQuery = `SELECT s.seq, s.id,
		'{"id":' || json_quote(s.id) || ',"seq":' || s.seq || ',"kiosk":' || json_quote(s.kiosk) ||
		',"kind":' || json_quote(s.kind) || ',"ticket":' || json_quote(s.ticket) ||
		',"created_at":' || json_quote(s.created_at) ||
		',"clock_synced":' || iif(s.clock_synced, 'true', 'false') || ',"body":' || s.body || '}'
	FROM outbox o JOIN submissions s ON s.seq = o.seq
	WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?`

// ack marks runs of known seqs with one range update each, and the rest by id.
func (db *DB) ack(ctx context.Context, tx *sql.Tx, acked []kiosk.Delivered) (int, error) {
	now := db.now()
	var seqs []int64
	var ids []any
	for _, a := range acked {
		if a.Seq > 0 {
			seqs = append(seqs, a.Seq)
		} else {
			ids = append(ids, a.ID)
		}
	}
	slices.Sort(seqs)
	seqs = slices.Compact(seqs)
	total := 0
	for i := 0; i < len(seqs); {
		j := i
		for j+1 < len(seqs) && seqs[j+1] == seqs[j]+1 {
			j++
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'acked', acked_at = ?
			WHERE state != 'acked' AND seq BETWEEN ? AND ?`, now, seqs[i], seqs[j])
		if err != nil {
			return 0, domainError("ack", err)
		}
		n, _ := res.RowsAffected()
		total += int(n)
		i = j + 1
	}
	if len(ids) == 0 {
		return total, nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'acked', acked_at = ?
		WHERE state != 'acked' AND seq IN (SELECT seq FROM submissions WHERE id IN (?`+strings.Repeat(",?", len(ids)-1)+`))`,
		append([]any{now}, ids...)...)
	if err != nil {
		return 0, domainError("ack", err)
	}
	n, err := res.RowsAffected()
	return total + int(n), err
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
