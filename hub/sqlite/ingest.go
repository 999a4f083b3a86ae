package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

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

	fleet := map[string]*kioskRow{}
	if err := db.loadKiosks(ctx, tx, fleet, batchKiosks(b)); err != nil {
		return err
	}
	fresh, refused, err := db.insertSubmissions(ctx, tx, fleet, b.Submissions)
	if err != nil {
		return err
	}
	rejected := append(b.Rejected[:len(b.Rejected):len(b.Rejected)], refused...)
	if db.DeferCases {
		err = queueCases(ctx, tx, fresh)
	} else {
		err = db.makeCases(ctx, tx, fresh)
	}
	if err != nil {
		return err
	}
	if err := insertRejected(ctx, tx, rejected); err != nil {
		return err
	}
	for _, r := range rejected {
		// A kiosk heard from only through refusals is still in the fleet,
		// where its hub_refused alert shows.
		k, err := loadKiosk(ctx, tx, fleet, r.Kiosk)
		if err != nil {
			return err
		}
		k.seen(r.ReceivedAt)
	}
	if err := db.updateFleet(ctx, tx, fleet, b); err != nil {
		return err
	}
	if err := insertAcks(ctx, tx, b.Acks); err != nil {
		return err
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

// batchKiosks names the kiosks b has something of.
func batchKiosks(b hub.Batch) []string {
	ids := make([]string, 0, len(b.Submissions)+len(b.Rejected)+len(b.Presence)+len(b.Telemetry))
	for _, s := range b.Submissions {
		ids = append(ids, s.Kiosk)
	}
	for _, r := range b.Rejected {
		ids = append(ids, r.Kiosk)
	}
	for _, p := range b.Presence {
		ids = append(ids, p.Kiosk)
	}
	for _, t := range b.Telemetry {
		ids = append(ids, t.Kiosk)
	}
	return ids
}

// insertSubmissions stores the submissions in order of kiosk and seq and
// returns those that were new (not resent), moving each kiosk's row on,
// and those screen refused, to keep aside.
func (db *DB) insertSubmissions(ctx context.Context, tx *sql.Tx, fleet map[string]*kioskRow, batch []hub.Received) ([]*hub.Received, []hub.Rejected, error) {
	subs := append([]hub.Received(nil), batch...)
	sort.Slice(subs, func(i, j int) bool {
		if subs[i].Kiosk != subs[j].Kiosk {
			return subs[i].Kiosk < subs[j].Kiosk
		}
		return subs[i].Seq < subs[j].Seq
	})
	sc, err := newScreener(ctx, db, tx, subs)
	if err != nil {
		return nil, nil, err
	}
	kept := make([]*hub.Received, 0, len(subs))
	var fresh []*hub.Received // stored now, not resent
	var refused []hub.Rejected
	for i := range subs {
		s := &subs[i]
		if e, err := sc.screen(ctx, s); err != nil {
			return nil, nil, err
		} else if e != nil {
			r, err := refuse(ctx, tx, s, e)
			if err != nil {
				return nil, nil, err
			}
			refused = append(refused, r)
			continue
		}
		kept = append(kept, s)
		if !sc.stored[s.ID] {
			fresh = append(fresh, s)
		}
		sc.keep(s)
	}
	// The transaction took the write lock at BEGIN (sqlitedb.DSN): what
	// the screener read is still true, and fresh are exactly the new ones.
	if err := db.storeSubmissions(ctx, tx, fresh); err != nil {
		return nil, nil, err
	}
	for _, s := range kept {
		k, err := loadKiosk(ctx, tx, fleet, s.Kiosk)
		if err != nil {
			return nil, nil, err
		}
		k.seen(s.ReceivedAt)
	}
	for _, s := range fresh {
		k := fleet[s.Kiosk]
		k.received++
		if err := k.advance(ctx, tx, s.Seq); err != nil {
			return nil, nil, err
		}
	}
	return fresh, refused, nil
}

// submissionFields is how many columns a submissions row inserts.
const submissionFields = 10

// subChunk is the most submissions one statement inserts.
const subChunk = 64

var (
	subValues    = `(` + strings.TrimSuffix(strings.Repeat("?, ", submissionFields), ", ") + `)`
	insertSubRow = ` INTO submissions (id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at, in_stats) VALUES `
)

// insertSubs inserts n submissions.
func (d dialect) insertSubs(n int) string {
	return d.insertOrFail + insertSubRow + subValues + strings.Repeat(", "+subValues, n-1)
}

// storeSubmissions inserts subs, none stored before, at most subChunk
// per statement.
func (db *DB) storeSubmissions(ctx context.Context, tx *sql.Tx, subs []*hub.Received) error {
	args := make([]any, 0, min(len(subs), subChunk)*submissionFields)
	for _, n := range chunkSizes(len(subs), subChunk) {
		chunk := subs[:n]
		subs = subs[n:]
		args = args[:0]
		for _, s := range chunk {
			body := []byte(s.RawBody)
			if body == nil {
				var err error
				if body, err = json.Marshal(&s.Body); err != nil {
					return fmt.Errorf("apply: %w", err)
				}
			}
			args = append(args, s.ID, s.Kiosk, s.Seq, string(s.Kind), s.Ticket, sqlitedb.FormatTime(s.CreatedAt),
				s.ClockSynced, body, sqlitedb.FormatTime(s.ReceivedAt), s.CountsInStats())
		}
		st, err := db.stmt(ctx, tx, db.sql.insertSubs(n))
		if err != nil {
			return fmt.Errorf("apply: insert: %w", err)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("apply: insert: %w", err)
		}
	}
	return nil
}

// insertRejected keeps aside what the decoders refused, once each, for
// diagnosis: the first hub.MaxRejectedRawBytes of each, and the newest
// hub.MaxRejectedPerKiosk per kiosk, so that a stolen kiosk password
// cannot grow the database without bound with refused messages.
func insertRejected(ctx context.Context, tx *sql.Tx, rejected []hub.Rejected) error {
	kiosks := map[string]bool{}
	for _, r := range rejected {
		raw := r.Raw
		if len(raw) > hub.MaxRejectedRawBytes {
			raw = raw[:hub.MaxRejectedRawBytes]
		}
		reason := r.Reason
		if len(reason) > hub.MaxRejectedRawBytes/4 {
			reason = reason[:hub.MaxRejectedRawBytes/4]
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rejected_submissions (id, kiosk, raw, reason, received_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, r.ID, r.Kiosk, string(raw), reason, sqlitedb.FormatTime(r.ReceivedAt)); err != nil {
			return fmt.Errorf("apply: rejected %s: %w", r.ID, err)
		}
		kiosks[r.Kiosk] = true
	}
	for k := range kiosks {
		if _, err := tx.ExecContext(ctx, `DELETE FROM rejected_submissions WHERE kiosk = ? AND rowid NOT IN
			(SELECT rowid FROM rejected_submissions WHERE kiosk = ? ORDER BY received_at DESC, rowid DESC LIMIT ?)`,
			k, k, hub.MaxRejectedPerKiosk); err != nil {
			return fmt.Errorf("apply: cap rejected of %s: %w", k, err)
		}
	}
	return nil
}

// updateFleet applies the batch's presence and telemetry to the kiosks'
// rows, then saves every row the batch touched.
func (db *DB) updateFleet(ctx context.Context, tx *sql.Tx, fleet map[string]*kioskRow, b hub.Batch) error {
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
	return db.saveKiosks(ctx, tx, fleet)
}

// insertAcks logs the acks sent.
func insertAcks(ctx context.Context, tx *sql.Tx, acks []hub.AckRecord) error {
	for _, a := range acks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ack_log (kiosk, ids, at) VALUES (?, ?, ?)`, a.Kiosk, a.IDs, sqlitedb.FormatTime(a.At)); err != nil {
			return fmt.Errorf("apply: ack log: %w", err)
		}
	}
	return nil
}
