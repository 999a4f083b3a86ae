package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

// kioskRow is a kiosks row being updated within one transaction.
type kioskRow struct {
	id, state, session, bootID, version string
	stateAt, lastSeen, telemetryAt      time.Time
	lastSeq, received                   int64
	telemetry                           string
	rising                              int // telemetry reports in a row with a longer outbox
}

// kioskColumns are a kiosks row's columns, in kioskRow's order.
const kioskColumns = `id, state, state_at, session, boot_id, version, last_seen, last_seq, received, telemetry, telemetry_at, outbox_rising`

// kioskChunk is the most kiosk rows one statement reads or writes.
const kioskChunk = 64

func scanKiosk(r scanner) (*kioskRow, error) {
	k := &kioskRow{}
	var stateAt, lastSeen, telemetry, telemetryAt sql.NullString
	if err := r.Scan(&k.id, &k.state, &stateAt, &k.session, &k.bootID, &k.version, &lastSeen, &k.lastSeq, &k.received,
		&telemetry, &telemetryAt, &k.rising); err != nil {
		return nil, err
	}
	k.stateAt, _ = sqlitedb.ParseTime(stateAt.String)
	k.lastSeen, _ = sqlitedb.ParseTime(lastSeen.String)
	k.telemetryAt, _ = sqlitedb.ParseTime(telemetryAt.String)
	k.telemetry = telemetry.String
	return k, nil
}

// loadKiosks reads the rows of the kiosks ids names into fleet, at most
// kioskChunk per statement (a batch from 200 kiosks read them one by one);
// a kiosk without a row gets a new one.
func (db *DB) loadKiosks(ctx context.Context, tx *sql.Tx, fleet map[string]*kioskRow, ids []string) error {
	var todo []any
	for _, id := range ids {
		if _, ok := fleet[id]; !ok {
			fleet[id] = &kioskRow{id: id, state: "unknown"}
			todo = append(todo, id)
		}
	}
	for _, n := range chunkSizes(len(todo), kioskChunk) {
		st, err := db.stmt(ctx, tx, `SELECT `+kioskColumns+` FROM kiosks WHERE id IN (?`+strings.Repeat(", ?", n-1)+`)`)
		if err != nil {
			return fmt.Errorf("apply: kiosks: %w", err)
		}
		rows, err := st.QueryContext(ctx, todo[:n]...)
		if err != nil {
			return fmt.Errorf("apply: kiosks: %w", err)
		}
		for rows.Next() {
			k, err := scanKiosk(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("apply: kiosks: %w", err)
			}
			fleet[k.id] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("apply: kiosks: %w", err)
		}
		todo = todo[n:]
	}
	return nil
}

// loadKiosk returns the kiosk's row in fleet, read if loadKiosks did not.
func loadKiosk(ctx context.Context, tx *sql.Tx, fleet map[string]*kioskRow, id string) (*kioskRow, error) {
	if k, ok := fleet[id]; ok {
		return k, nil
	}
	k, err := scanKiosk(tx.QueryRowContext(ctx, `SELECT `+kioskColumns+` FROM kiosks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		k, err = &kioskRow{id: id, state: "unknown"}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("apply: kiosk %s: %w", id, err)
	}
	fleet[id] = k
	return k, nil
}

func (k *kioskRow) seen(at time.Time) {
	if at.After(k.lastSeen) {
		k.lastSeen = at
	}
}

// advance records a new seq: gaps for seqs skipped over, or a gap filled.
func (k *kioskRow) advance(ctx context.Context, tx *sql.Tx, seq int64) error {
	if seq <= k.lastSeq {
		if _, err := tx.ExecContext(ctx, `DELETE FROM kiosk_gaps WHERE kiosk = ? AND seq = ?`, k.id, seq); err != nil {
			return fmt.Errorf("apply: gaps: %w", err)
		}
		return nil
	}
	from := max(k.lastSeq+1, seq-hub.MaxGaps)
	for g := from; g < seq; g++ {
		if _, err := tx.ExecContext(ctx, `INSERT INTO kiosk_gaps (kiosk, seq) VALUES (?, ?) ON CONFLICT DO NOTHING`, k.id, g); err != nil {
			return fmt.Errorf("apply: gaps: %w", err)
		}
	}
	k.lastSeq = seq
	return nil
}

// kioskValues are the placeholders of one kiosks row.
var kioskValues = `(` + strings.TrimSuffix(strings.Repeat("?, ", 12), ", ") + `)`

// saveKiosks writes the rows of fleet, at most kioskChunk per statement.
func (db *DB) saveKiosks(ctx context.Context, tx *sql.Tx, fleet map[string]*kioskRow) error {
	args := make([]any, 0, 12*len(fleet))
	for _, k := range fleet {
		var telemetry any
		if k.telemetry != "" {
			telemetry = k.telemetry
		}
		args = append(args, k.id, k.state, nullTime(k.stateAt), k.session, k.bootID, k.version, nullTime(k.lastSeen), k.lastSeq,
			k.received, telemetry, nullTime(k.telemetryAt), k.rising)
	}
	for _, n := range chunkSizes(len(fleet), kioskChunk) {
		st, err := db.stmt(ctx, tx, `INSERT INTO kiosks (`+kioskColumns+`) VALUES `+kioskValues+strings.Repeat(", "+kioskValues, n-1)+`
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, state_at = excluded.state_at, session = excluded.session,
			boot_id = excluded.boot_id, version = excluded.version, last_seen = excluded.last_seen, last_seq = excluded.last_seq,
			received = excluded.received, telemetry = excluded.telemetry, telemetry_at = excluded.telemetry_at, outbox_rising = excluded.outbox_rising`)
		if err != nil {
			return fmt.Errorf("apply: save kiosks: %w", err)
		}
		if _, err := st.ExecContext(ctx, args[:12*n]...); err != nil {
			return fmt.Errorf("apply: save kiosks: %w", err)
		}
		args = args[12*n:]
	}
	return nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return sqlitedb.FormatTime(t)
}
