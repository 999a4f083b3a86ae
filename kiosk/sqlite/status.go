package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"

	"opinionwall/internal/sqlitedb"
)

// Status is the store's state, for `kiosk status` and telemetry.
type Status struct {
	Pending, Inflight, Acked int
	LastSeq                  int64
	OldestPending            time.Time // zero when nothing is pending or inflight
	LastAck                  time.Time // zero before the first ack
	SizeBytes                int64     // database file plus its WAL
	Schema                   string    // the last migration applied
	SQLiteVersion            string
	ConfigVersion            int64 // applied configuration version; 0 for none
	WallVersion              int64
	PollsVersion             int64
	Unavailable              int64   // Submits refused since start: disk full or read-only
	ReadOnly                 string  // why the store is read-only against the kiosk's wish, or ""
	Events                   []Event // events of the store itself, newest first
}

// Event is something that happened to the store itself.
type Event struct {
	At     time.Time
	Kind   string
	Detail string
}

// Status reads the store's state.
func (db *DB) Status(ctx context.Context) (Status, error) {
	var st Status
	rows, err := db.db.QueryContext(ctx, `SELECT state, count(*) FROM outbox GROUP BY state`)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			rows.Close()
			return st, fmt.Errorf("status: %w", err)
		}
		switch state {
		case statePending:
			st.Pending = n
		case stateInflight:
			st.Inflight = n
		case stateAcked:
			st.Acked = n
		}
	}
	if err := rows.Close(); err != nil {
		return st, fmt.Errorf("status: %w", err)
	}

	var oldest, lastAck sql.NullString
	err = db.db.QueryRowContext(ctx, `SELECT
		(SELECT min(s.created_at) FROM outbox o JOIN submissions s USING (seq) WHERE o.state != 'acked'),
		(SELECT max(acked_at) FROM outbox),
		(SELECT value FROM sequence WHERE id = 1),
		(SELECT max(name) FROM schema_migrations),
		sqlite_version(),
		coalesce((SELECT version FROM applied_config WHERE id = 1), 0),
		coalesce((SELECT version FROM snapshots WHERE name = 'wall'), 0),
		coalesce((SELECT version FROM snapshots WHERE name = 'polls'), 0)`).
		Scan(&oldest, &lastAck, &st.LastSeq, &st.Schema, &st.SQLiteVersion, &st.ConfigVersion, &st.WallVersion, &st.PollsVersion)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	if oldest.Valid {
		st.OldestPending, _ = parseTime(oldest.String)
	}
	if lastAck.Valid {
		st.LastAck, _ = parseTime(lastAck.String)
	}
	for _, p := range []string{db.Path, db.Path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			st.SizeBytes += fi.Size()
		}
	}
	st.Unavailable = db.unavailable.Load()
	st.ReadOnly = db.roReason

	erows, err := db.db.QueryContext(ctx, `SELECT at, kind, detail FROM store_events ORDER BY id DESC LIMIT 20`)
	if err != nil {
		return st, fmt.Errorf("status: events: %w", err)
	}
	defer erows.Close()
	for erows.Next() {
		var e Event
		var at string
		if err := erows.Scan(&at, &e.Kind, &e.Detail); err != nil {
			return st, fmt.Errorf("status: events: %w", err)
		}
		e.At, _ = parseTime(at)
		st.Events = append(st.Events, e)
	}
	return st, erows.Err()
}

// Purge removes the free text and contact details of submissions the hub
// acknowledged more than retention ago. The rows stay (seq, ticket, kind,
// choices) so lookups and telemetry keep working. The old bytes are
// overwritten (secure_delete) and the WAL emptied. It returns how many
// submissions were purged.
func (db *DB) Purge(ctx context.Context, retention time.Duration) (int, error) {
	cutoff := formatTime(db.Now().Add(-retention))
	res, err := db.db.ExecContext(ctx, `UPDATE submissions
		SET body = json_remove(body, '$.text', '$.contact'), purged_at = ?
		WHERE purged_at IS NULL
		  AND seq IN (SELECT seq FROM outbox WHERE state = 'acked' AND acked_at < ?)`, db.now(), cutoff)
	if err != nil {
		return 0, domainError("purge", err)
	}
	return db.afterErase(ctx, res)
}

// afterErase empties the WAL after rows were erased, so the card holds
// the erased data nowhere, and returns how many rows were erased.
func (db *DB) afterErase(ctx context.Context, res sql.Result) (int, error) {
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return int(n), err
	}
	return int(n), sqlitedb.TruncateWAL(ctx, db.db)
}

// DeleteDelivered deletes the submissions the hub acknowledged more than
// age ago (the data.purge command), with their outbox rows. Undelivered
// ones are never deleted; the sequence counter is kept, so no seq or
// ticket code comes round again. It returns how many were deleted.
func (db *DB) DeleteDelivered(ctx context.Context, age time.Duration) (int, error) {
	cutoff := formatTime(db.Now().Add(-age))
	res, err := db.db.ExecContext(ctx, `DELETE FROM submissions WHERE seq IN
		(SELECT seq FROM outbox WHERE state = 'acked' AND acked_at < ?)`, cutoff)
	if err != nil {
		return 0, domainError("delete delivered", err)
	}
	return db.afterErase(ctx, res)
}

// Check runs SQLite's quick_check on the store as it is on disk (also open
// for reading only, beside a running kiosk) and returns "" when it is
// sound, else what is wrong.
func (db *DB) Check(ctx context.Context) (string, error) {
	rows, err := db.db.QueryContext(ctx, `PRAGMA quick_check(20)`)
	if isCorrupt(err) {
		return err.Error(), nil
	}
	if err != nil {
		return "", fmt.Errorf("check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", fmt.Errorf("check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); isCorrupt(err) {
		return err.Error(), nil
	} else if err != nil {
		return "", fmt.Errorf("check: %w", err)
	}
	return strings.Join(problems, "; "), nil
}
