package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

var _ hub.IngestStore = (*DB)(nil)

// Apply stores a batch in one transaction and returns after the commit.
// Each submission is inserted with ON CONFLICT(id) DO NOTHING: resending is
// harmless. For the submissions that are new, the kiosk's last seq moves on,
// seqs skipped over are recorded as gaps, and a seq that fills a gap removes it.
func (db *DB) Apply(ctx context.Context, b hub.Batch) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	defer tx.Rollback()

	subs := append([]hub.Received(nil), b.Submissions...)
	sort.Slice(subs, func(i, j int) bool {
		if subs[i].Kiosk != subs[j].Kiosk {
			return subs[i].Kiosk < subs[j].Kiosk
		}
		return subs[i].Seq < subs[j].Seq
	})
	ins, err := tx.PrepareContext(ctx, `INSERT INTO submissions
		(id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at, in_stats)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	defer ins.Close()
	var fresh []*hub.Received // stored now, not resent
	fleet := map[string]*kioskRow{}
	for i := range subs {
		s := &subs[i]
		body := []byte(s.RawBody)
		if body == nil {
			if body, err = json.Marshal(&s.Body); err != nil {
				return fmt.Errorf("apply: %w", err)
			}
		}
		res, err := ins.ExecContext(ctx, s.ID, s.Kiosk, s.Seq, string(s.Kind), s.Ticket, sqlitedb.FormatTime(s.CreatedAt),
			s.ClockSynced, body, sqlitedb.FormatTime(s.ReceivedAt), s.CountsInStats())
		if err != nil {
			return fmt.Errorf("apply: insert %s: %w", s.ID, err)
		}
		k, err := loadKiosk(ctx, tx, fleet, s.Kiosk)
		if err != nil {
			return err
		}
		k.seen(s.ReceivedAt)
		if n, _ := res.RowsAffected(); n == 0 {
			continue // resent: already stored
		}
		k.received++
		fresh = append(fresh, s)
		if err := k.advance(ctx, tx, s.Seq); err != nil {
			return err
		}
	}
	if db.DeferCases {
		if err := queueCases(ctx, tx, fresh); err != nil {
			return err
		}
	} else if err := db.makeCases(ctx, tx, fresh); err != nil {
		return err
	}
	for _, r := range b.Rejected {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rejected_submissions (id, kiosk, raw, reason, received_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, r.ID, r.Kiosk, string(r.Raw), r.Reason, sqlitedb.FormatTime(r.ReceivedAt)); err != nil {
			return fmt.Errorf("apply: rejected %s: %w", r.ID, err)
		}
	}
	for _, p := range b.Presence {
		k, err := loadKiosk(ctx, tx, fleet, p.Kiosk)
		if err != nil {
			return err
		}
		k.seen(p.At)
		k.state, k.stateAt, k.session, k.bootID, k.version = p.State, p.At, p.Session, p.BootID, p.Version
	}
	for _, t := range b.Telemetry {
		k, err := loadKiosk(ctx, tx, fleet, t.Kiosk)
		if err != nil {
			return err
		}
		k.seen(t.At)
		k.rising = hub.OutboxRising(json.RawMessage(k.telemetry), t.Raw, k.rising)
		k.telemetry, k.telemetryAt = string(t.Raw), t.At
	}
	for _, k := range fleet {
		if err := k.save(ctx, tx); err != nil {
			return err
		}
	}
	for _, a := range b.Acks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ack_log (kiosk, ids, at) VALUES (?, ?, ?)`, a.Kiosk, a.IDs, sqlitedb.FormatTime(a.At)); err != nil {
			return fmt.Errorf("apply: ack log: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply: commit: %w", err)
	}
	if db.DeferCases && len(fresh) > 0 {
		select {
		case db.wake <- struct{}{}:
		default:
		}
	}
	return nil
}

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

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return sqlitedb.FormatTime(t)
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
