package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

// Kiosks returns the fleet, by id.
func (db *DB) Kiosks(ctx context.Context) ([]hub.Kiosk, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, state, state_at, session, version, last_seen, last_seq, received, telemetry, telemetry_at, outbox_rising
		FROM kiosks ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("kiosks: %w", err)
	}
	var out []hub.Kiosk
	for rows.Next() {
		var k hub.Kiosk
		var stateAt, lastSeen, telemetry, telemetryAt sql.NullString
		if err := rows.Scan(&k.ID, &k.State, &stateAt, &k.Session, &k.Version, &lastSeen, &k.LastSeq, &k.Received, &telemetry, &telemetryAt, &k.OutboxRising); err != nil {
			rows.Close()
			return nil, fmt.Errorf("kiosks: %w", err)
		}
		k.StateAt, _ = sqlitedb.ParseTime(stateAt.String)
		k.LastSeen, _ = sqlitedb.ParseTime(lastSeen.String)
		k.TelemetryAt, _ = sqlitedb.ParseTime(telemetryAt.String)
		if telemetry.Valid {
			k.Telemetry = json.RawMessage(telemetry.String)
		}
		out = append(out, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kiosks: %w", err)
	}
	stalled, err := db.StalledVoice(ctx, db.Now().Add(-hub.VoiceStalledAfter))
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].VoiceStalled = stalled[out[i].ID]
		gaps, err := db.gaps(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Gaps = gaps
		if out[i].Flags, err = db.flags(ctx, out[i].ID); err != nil {
			return nil, err
		}
		if err := db.lastHour(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lastHour counts k's submissions refused and stored in the past hour,
// for the hub_refused and quota alerts. A submission counts for the quota
// when it was both created and received in the hour: a kiosk draining a
// week's outbox is not over it.
func (db *DB) lastHour(ctx context.Context, k *hub.Kiosk) error {
	since := sqlitedb.FormatTime(db.Now().Add(-time.Hour))
	if err := db.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM rejected_submissions WHERE kiosk = ? AND received_at >= ?),
		(SELECT COUNT(*) FROM submissions WHERE kiosk = ? AND received_at >= ? AND created_at >= ?)`,
		k.ID, since, k.ID, since, since).Scan(&k.RefusedLastHour, &k.SubmissionsLastHour); err != nil {
		return fmt.Errorf("kiosks: last hour of %s: %w", k.ID, err)
	}
	return nil
}

func (db *DB) gaps(ctx context.Context, kiosk string) ([]int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT seq FROM kiosk_gaps WHERE kiosk = ? ORDER BY seq LIMIT ?`, kiosk, hub.MaxGaps)
	if err != nil {
		return nil, fmt.Errorf("gaps: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("gaps: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
