package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"opinionwall/kiosk"
)

var (
	_ kiosk.VoiceStore  = (*DB)(nil)
	_ kiosk.VoiceOutbox = (*DB)(nil)
)

// SubmitVoice stores a voice submission and its audio in one transaction,
// like Submit (the seq, the ticket code and the outbox row by the same
// INSERT and trigger), after checking that the audio kept on the kiosk
// stays within AudioQuota: past it, EFULL and nothing is written.
func (db *DB) SubmitVoice(ctx context.Context, s *kiosk.Submission, audio []byte) error {
	if s.ID == "" || s.Kiosk == "" || s.CreatedAt.IsZero() || s.Kind != kiosk.KindVoice || s.Body.Voice == nil {
		return kiosk.Errorf(kiosk.EINVALID, "a voice submission needs an id, a kiosk, a time and its audio")
	}
	if got := kiosk.DescribeAudio(audio, s.Body.Voice.Duration()); got != *s.Body.Voice {
		return kiosk.Errorf(kiosk.EINVALID, "the audio is not the one the submission describes")
	}
	if db.ro {
		db.unavailable.Add(1)
		return kiosk.Errorf(kiosk.EUNAVAILABLE, "submit voice: the store is read-only: %s", db.roReasonOr("opened read-only"))
	}
	body, err := json.Marshal(&s.Body)
	if err != nil {
		return fmt.Errorf("submit voice: encode body: %w", err)
	}
	db.seqMu.Lock()
	defer db.seqMu.Unlock()
	seq, ticket, err := db.insertVoice(ctx, s, body, audio)
	if isSeqOutOfOrder(err) {
		if err = db.loadSeq(ctx); err == nil {
			seq, ticket, err = db.insertVoice(ctx, s, body, audio)
		}
	}
	if err != nil {
		if kiosk.ErrorCode(err) == kiosk.EUNAVAILABLE {
			db.unavailable.Add(1)
		}
		return err
	}
	db.lastSeq = seq
	s.Seq, s.Ticket = seq, ticket
	return nil
}

func (db *DB) insertVoice(ctx context.Context, s *kiosk.Submission, body, audio []byte) (int64, string, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, "", domainError("submit voice", err)
	}
	defer tx.Rollback()
	var kept int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(size), 0) FROM voice_audio WHERE delivered_at IS NULL`).Scan(&kept); err != nil {
		return 0, "", domainError("submit voice", err)
	}
	if quota := db.audioQuota(); kept+int64(len(audio)) > quota {
		return 0, "", kiosk.Errorf(kiosk.EFULL, "the audio store holds %d of %d bytes: no room for %d more until the station has the messages",
			kept, quota, len(audio))
	}
	seq := db.lastSeq + 1
	ticket := db.Tickets.Code(seq)
	_, err = tx.StmtContext(ctx, db.insertStmt).ExecContext(ctx, seq, s.ID, s.Kiosk, string(s.Kind), ticket,
		formatTime(s.CreatedAt), s.ClockSynced, body)
	if isDuplicateID(err) {
		return 0, "", kiosk.WrapError(kiosk.ECONFLICT, err, "submission %s is already stored", s.ID)
	}
	if err != nil {
		return 0, "", domainError("submit voice", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO voice_audio (seq, id, bytes, size, sha256) VALUES (?, ?, ?, ?, ?)`,
		seq, s.ID, audio, len(audio), s.Body.Voice.SHA256); err != nil {
		return 0, "", domainError("submit voice", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, "", domainError("submit voice", err)
	}
	return seq, ticket, nil
}

func (db *DB) audioQuota() int64 {
	if db.AudioQuota > 0 {
		return db.AudioQuota
	}
	return 200 << 20
}

// PendingAudio returns up to limit recordings the hub does not hold yet
// whose submissions it acknowledged, oldest first, with where to resume.
func (db *DB) PendingAudio(ctx context.Context, limit int) ([]kiosk.PendingAudio, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT v.id, v.seq, v.chunks_acked, v.bytes, s.body
		FROM voice_audio v JOIN outbox o ON o.seq = v.seq JOIN submissions s ON s.seq = v.seq
		WHERE v.delivered_at IS NULL AND o.state = 'acked' ORDER BY v.seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("pending audio: %w", err)
	}
	defer rows.Close()
	var out []kiosk.PendingAudio
	for rows.Next() {
		var p kiosk.PendingAudio
		var body string
		if err := rows.Scan(&p.ID, &p.Seq, &p.Acked, &p.Data, &body); err != nil {
			return nil, fmt.Errorf("pending audio: %w", err)
		}
		var b kiosk.Body
		if err := json.Unmarshal([]byte(body), &b); err != nil || b.Voice == nil {
			return nil, fmt.Errorf("pending audio %s: body without its audio: %v", p.ID, err)
		}
		p.Audio = *b.Voice
		out = append(out, p)
	}
	return out, rows.Err()
}

// AudioProgress records how many chunks the hub holds, so that a transfer
// resumes there after a restart. A count below the recorded one is kept
// as the hub said it (a hub restored from a backup lost chunks).
func (db *DB) AudioProgress(ctx context.Context, id string, acked int) error {
	if _, err := db.db.ExecContext(ctx, `UPDATE voice_audio SET chunks_acked = ? WHERE id = ? AND delivered_at IS NULL`, acked, id); err != nil {
		return domainError("audio progress", err)
	}
	return nil
}

// AudioDelivered records that the hub holds the whole recording and
// checked it: the audio is purged from the kiosk.
func (db *DB) AudioDelivered(ctx context.Context, id string) error {
	if _, err := db.db.ExecContext(ctx, `UPDATE voice_audio SET bytes = NULL, delivered_at = ?
		WHERE id = ? AND delivered_at IS NULL`, db.now(), id); err != nil {
		return domainError("audio delivered", err)
	}
	return nil
}

// VoiceAudio returns a voice submission's audio while the kiosk keeps it;
// ENOTFOUND once the hub has it (purged) or for another id.
func (db *DB) VoiceAudio(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := db.db.QueryRowContext(ctx, `SELECT bytes FROM voice_audio WHERE id = ? AND bytes IS NOT NULL`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no audio kept for %s", id)
	}
	if err != nil {
		return nil, fmt.Errorf("voice audio %s: %w", id, err)
	}
	return b, nil
}

// AudioKept is the audio not yet at the hub: messages and bytes.
func (db *DB) AudioKept(ctx context.Context) (n int, bytes int64, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0) FROM voice_audio WHERE delivered_at IS NULL`).Scan(&n, &bytes)
	if err != nil {
		return 0, 0, fmt.Errorf("audio kept: %w", err)
	}
	return n, bytes, nil
}
