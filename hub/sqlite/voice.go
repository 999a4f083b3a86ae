package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.VoiceStore = (*DB)(nil)

// ActPurgeVoice is the audit action of a recording purged after retention.
const ActPurgeVoice hub.ActionKind = "purge_voice"

// PutVoiceChunk keeps one chunk of a voice submission's audio, in one
// transaction with, when it completes the recording, the check against
// the submission's size and SHA-256, the audio moved into voice_audio and
// the case made. A chunk of a recording already whole is answered done.
func (db *DB) PutVoiceChunk(ctx context.Context, k, id string, i int, data []byte) (hub.VoiceProgress, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return hub.VoiceProgress{}, fmt.Errorf("voice chunk: %w", err)
	}
	defer tx.Rollback()
	r, err := loadReceived(ctx, tx, id)
	if err != nil {
		return hub.VoiceProgress{}, err
	}
	if r.Kiosk != k || r.Kind != kiosk.KindVoice || r.Body.Voice == nil {
		return hub.VoiceProgress{}, kiosk.Errorf(kiosk.EINVALID, "%s is not a voice submission of kiosk %s", id, k)
	}
	a := r.Body.Voice
	n := a.Chunks()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM voice_audio WHERE id = ?`, id).Scan(&done); err != nil {
		return hub.VoiceProgress{}, fmt.Errorf("voice chunk: %w", err)
	}
	if done > 0 {
		return hub.VoiceProgress{Have: n, Done: true}, nil
	}
	if want := min(kiosk.ChunkBytes, a.Bytes-i*kiosk.ChunkBytes); i >= n || len(data) != want {
		return hub.VoiceProgress{}, kiosk.Errorf(kiosk.EINVALID, "chunk %d of %d bytes: the recording has %d chunks of %d bytes", i, len(data), n, a.Bytes)
	}
	now := sqlitedb.FormatTime(db.Now())
	if _, err := tx.ExecContext(ctx, `INSERT INTO voice_chunks (id, i, data, received_at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, id, i, data, now); err != nil {
		return hub.VoiceProgress{}, fmt.Errorf("voice chunk: %w", err)
	}
	chunks, err := loadChunks(ctx, tx, id)
	if err != nil {
		return hub.VoiceProgress{}, err
	}
	p := hub.VoiceProgress{Have: len(chunks)}
	if p.Have == n {
		if p, err = db.completeVoice(ctx, tx, r, bytes.Join(chunks, nil), now); err != nil {
			return hub.VoiceProgress{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return hub.VoiceProgress{}, fmt.Errorf("voice chunk: commit: %w", err)
	}
	return p, nil
}

// loadChunks returns the chunks of id held in a row from the first.
func loadChunks(ctx context.Context, tx *sql.Tx, id string) ([][]byte, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i, data FROM voice_chunks WHERE id = ? ORDER BY i`, id)
	if err != nil {
		return nil, fmt.Errorf("voice chunks: %w", err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var i int
		var b []byte
		if err := rows.Scan(&i, &b); err != nil {
			return nil, fmt.Errorf("voice chunks: %w", err)
		}
		if i != len(out) {
			break
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// completeVoice checks the whole recording; a match is kept and its case
// made, a mismatch throws the chunks away so that the kiosk starts again.
func (db *DB) completeVoice(ctx context.Context, tx *sql.Tx, r *hub.Received, audio []byte, now string) (hub.VoiceProgress, error) {
	a := r.Body.Voice
	if _, err := tx.ExecContext(ctx, `DELETE FROM voice_chunks WHERE id = ?`, r.ID); err != nil {
		return hub.VoiceProgress{}, fmt.Errorf("voice: %w", err)
	}
	sum := sha256.Sum256(audio)
	if hex.EncodeToString(sum[:]) != a.SHA256 || len(audio) != a.Bytes {
		return hub.VoiceProgress{Restarted: true}, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO voice_audio (id, kiosk, size, sha256, duration_ms, bytes, complete_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Kiosk, a.Bytes, a.SHA256, a.DurationMS, audio, now); err != nil {
		return hub.VoiceProgress{}, fmt.Errorf("voice: %w", err)
	}
	if err := db.insertCaseRows(ctx, tx, []*hub.Received{r}); err != nil {
		return hub.VoiceProgress{}, err
	}
	return hub.VoiceProgress{Have: a.Chunks(), Done: true}, nil
}

// loadReceived reads a stored submission; ENOTFOUND when there is none.
func loadReceived(ctx context.Context, tx *sql.Tx, id string) (*hub.Received, error) {
	r := new(hub.Received)
	var kind, created, body, received string
	err := tx.QueryRowContext(ctx, `SELECT id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at
		FROM submissions WHERE id = ?`, id).Scan(&r.ID, &r.Kiosk, &r.Seq, &kind, &r.Ticket, &created, &r.ClockSynced, &body, &received)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no submission %s", id)
	}
	if err != nil {
		return nil, fmt.Errorf("submission %s: %w", id, err)
	}
	r.Kind = kindOf(kind)
	r.CreatedAt, _ = sqlitedb.ParseTime(created)
	r.ReceivedAt, _ = sqlitedb.ParseTime(received)
	if err := json.Unmarshal([]byte(body), &r.Body); err != nil {
		return nil, fmt.Errorf("submission %s: %w", id, err)
	}
	return r, nil
}

// VoiceAudio returns a voice case's recording while it is kept.
func (db *DB) VoiceAudio(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := db.db.QueryRowContext(ctx, `SELECT bytes FROM voice_audio WHERE id = ? AND bytes IS NOT NULL`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no recording kept for %s", id)
	}
	if err != nil {
		return nil, fmt.Errorf("voice audio %s: %w", id, err)
	}
	return b, nil
}

// PurgeVoice drops the audio of recordings completed before cutoff, each
// with its audit record, in one transaction; the case, its summary and
// transcript stay.
func (db *DB) PurgeVoice(ctx context.Context, cutoff time.Time) (int, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("purge voice: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT v.id, v.size, v.complete_at, coalesce(c.status, '') FROM voice_audio v
		LEFT JOIN cases c ON c.id = v.id WHERE v.purged_at IS NULL AND v.complete_at < ?`, sqlitedb.FormatTime(cutoff))
	if err != nil {
		return 0, fmt.Errorf("purge voice: %w", err)
	}
	var audits []hub.Audit
	now := db.Now()
	for rows.Next() {
		var id, complete, status string
		var size int
		if err := rows.Scan(&id, &size, &complete, &status); err != nil {
			rows.Close()
			return 0, fmt.Errorf("purge voice: %w", err)
		}
		st := kiosk.TicketStatus(status)
		audits = append(audits, hub.Audit{Case: id, Worker: "system", At: now, Action: ActPurgeVoice, From: st, To: st,
			Detail: fmt.Sprintf("recording of %d bytes received %s purged after the retention", size, complete)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("purge voice: %w", err)
	}
	for _, a := range audits {
		if _, err := tx.ExecContext(ctx, `UPDATE voice_audio SET bytes = NULL, purged_at = ? WHERE id = ?`,
			sqlitedb.FormatTime(now), a.Case); err != nil {
			return 0, fmt.Errorf("purge voice: %w", err)
		}
		if err := insertAudit(ctx, tx, a); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("purge voice: commit: %w", err)
	}
	return len(audits), nil
}

// StalledVoice counts, per kiosk, the voice submissions whose recording
// is not whole and that heard nothing (submission or chunk) since before
// cutoff: the fleet view's voice_stalled.
func (db *DB) StalledVoice(ctx context.Context, cutoff time.Time) (map[string]int, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT s.kiosk, count(*) FROM submissions s
		WHERE s.kind = 'voice' AND NOT EXISTS (SELECT 1 FROM voice_audio v WHERE v.id = s.id)
		AND `+db.sql.later+`(s.received_at, coalesce((SELECT max(received_at) FROM voice_chunks c WHERE c.id = s.id), '')) < ?
		GROUP BY s.kiosk`, sqlitedb.FormatTime(cutoff))
	if err != nil {
		return nil, fmt.Errorf("stalled voice: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("stalled voice: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// VoiceKept counts the recordings the station holds whole, and their bytes
// (purged ones not counted).
func (db *DB) VoiceKept(ctx context.Context) (n int, bytes int64, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0) FROM voice_audio WHERE bytes IS NOT NULL`).Scan(&n, &bytes)
	if err != nil {
		return 0, 0, fmt.Errorf("voice kept: %w", err)
	}
	return n, bytes, nil
}
