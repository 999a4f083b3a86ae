package sqlite

import (
	"context"
	"database/sql"
	"fmt"
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

func loadKiosk(ctx context.Context, tx *sql.Tx, fleet map[string]*kioskRow, id string) (*kioskRow, error) {
	if k, ok := fleet[id]; ok {
		return k, nil
	}
	k := &kioskRow{id: id, state: "unknown"}
	var stateAt, lastSeen, telemetry, telemetryAt sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT state, state_at, session, boot_id, version, last_seen, last_seq, received, telemetry, telemetry_at, outbox_rising
		FROM kiosks WHERE id = ?`, id).Scan(&k.state, &stateAt, &k.session, &k.bootID, &k.version, &lastSeen, &k.lastSeq, &k.received, &telemetry, &telemetryAt, &k.rising)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("apply: kiosk %s: %w", id, err)
	}
	k.stateAt, _ = sqlitedb.ParseTime(stateAt.String)
	k.lastSeen, _ = sqlitedb.ParseTime(lastSeen.String)
	k.telemetryAt, _ = sqlitedb.ParseTime(telemetryAt.String)
	k.telemetry = telemetry.String
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

func (k *kioskRow) save(ctx context.Context, tx *sql.Tx) error {
	var telemetry any
	if k.telemetry != "" {
		telemetry = k.telemetry
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO kiosks (id, state, state_at, session, boot_id, version, last_seen, last_seq, received, telemetry, telemetry_at, outbox_rising)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, state_at = excluded.state_at, session = excluded.session,
			boot_id = excluded.boot_id, version = excluded.version, last_seen = excluded.last_seen, last_seq = excluded.last_seq,
			received = excluded.received, telemetry = excluded.telemetry, telemetry_at = excluded.telemetry_at, outbox_rising = excluded.outbox_rising`,
		k.id, k.state, nullTime(k.stateAt), k.session, k.bootID, k.version, nullTime(k.lastSeen), k.lastSeq, k.received, telemetry, nullTime(k.telemetryAt), k.rising)
	if err != nil {
		return fmt.Errorf("apply: save kiosk %s: %w", k.id, err)
	}
	return nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return sqlitedb.FormatTime(t)
}
