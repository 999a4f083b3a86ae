package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"opinionwall/kiosk"
)

// Ticket codes are the kiosk codec's codes of a counter that never goes
// back, even when the store does (docs/SECURITY.md, "Receipt codes"):
//
//   - The store keeps its codec in ticket_codec: the secret ticket key
//     (TicketKey at the first Open that has one; the store keeps it after,
//     so a new key in the bundle does not change the codes of a running
//     store), the counter before seq 1 (base) and counters passed over.
//   - Beside the database, FILE.tickets (codecFile) says below which
//     counter codes may have been issued. It is written, with fsync, before
//     a code at or past it is issued, a block of codecReserve at a time, so a
//     store started afresh (a corrupt one moved aside, or one an operator
//     moved) starts past every code the one before issued.
//   - A kiosk that issued legacy codes (keyed by its id) before it had a
//     ticket key records where they stop (legacy_below); the keyed codec
//     passes over every counter whose code the legacy codec gave one of
//     those, so already issued codes stay valid and are never given again.
const codecReserve = 1000

// codecState is the row of ticket_codec, with the codecs it makes.
type codecState struct {
	key                        []byte
	base, skipped, legacyBelow int64
	codec                      kiosk.TicketCodec // keyed, or Tickets when key is nil
}

// codecFile is what FILE.tickets holds.
type codecFile struct {
	// Reserved: no code of a counter at or past it was issued.
	Reserved int64 `json:"reserved"`
	// LegacyBelow: the legacy codec may have issued the codes of
	// counters below it.
	LegacyBelow int64 `json:"legacy_below,omitempty"`
}

func (db *DB) codecPath() string { return db.Path + ".tickets" }

func (db *DB) readCodecFile() (codecFile, error) {
	var f codecFile
	b, err := os.ReadFile(db.codecPath())
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("ticket counter: %w", err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("ticket counter %s: %w", db.codecPath(), err)
	}
	return f, nil
}

// writeCodecFile replaces FILE.tickets atomically and durably.
func (db *DB) writeCodecFile(f codecFile) error {
	b, _ := json.Marshal(f)
	tmp := db.codecPath() + ".tmp"
	w, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("ticket counter: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	if err == nil {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, db.codecPath())
	}
	if err == nil {
		if d, derr := os.Open(filepath.Dir(db.codecPath())); derr == nil {
			err = d.Sync()
			d.Close()
		}
	}
	if err != nil {
		return fmt.Errorf("ticket counter: %w", err)
	}
	db.codecFile = f
	return nil
}

// loadCodec reads ticket_codec, making its row on the first Open of a
// store (fresh, or made before there was one), and takes a ticket key
// first given now. A store open for reading only issues nothing.
func (db *DB) loadCodec(ctx context.Context) error {
	st := codecState{codec: db.Tickets}
	var key string
	err := db.db.QueryRowContext(ctx, `SELECT ticket_key, base, skipped, legacy_below FROM ticket_codec WHERE id = 1`).
		Scan(&key, &st.base, &st.skipped, &st.legacyBelow)
	missing := errors.Is(err, sql.ErrNoRows)
	if err != nil && !missing {
		return fmt.Errorf("ticket codec: %w", err)
	}
	if db.ro {
		db.codecState = st
		return db.keyCodec(key)
	}
	f, err := db.readCodecFile()
	if err != nil {
		return err
	}
	db.codecFile = f
	if missing {
		// A store with submissions and no row issued legacy codes of
		// its seqs; a fresh one starts past what the last one reserved.
		st.legacyBelow = f.LegacyBelow
		if db.lastSeq == 0 {
			st.base = f.Reserved
		}
	}
	if key == "" && db.TicketKey != nil {
		// The kiosk's first ticket key: every counter so far was legacy.
		key = hex.EncodeToString(db.TicketKey)
		st.legacyBelow = max(st.legacyBelow, f.Reserved, st.base+db.lastSeq+st.skipped+1)
		if st.legacyBelow == 1 {
			st.legacyBelow = 0 // nothing issued yet
		}
		if st.legacyBelow > f.LegacyBelow {
			f.LegacyBelow = st.legacyBelow
			if err := db.writeCodecFile(f); err != nil {
				return err
			}
		}
		missing = true
	}
	if missing {
		if _, err := db.db.ExecContext(ctx, `INSERT INTO ticket_codec (id, ticket_key, base, skipped, legacy_below) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET ticket_key = excluded.ticket_key, legacy_below = excluded.legacy_below`,
			key, st.base, st.skipped, st.legacyBelow); err != nil {
			return fmt.Errorf("ticket codec: %w", err)
		}
	}
	db.codecState = st
	return db.keyCodec(key)
}

// keyCodec makes the keyed codec of the stored key, if any.
func (db *DB) keyCodec(key string) error {
	if key == "" {
		return nil
	}
	k, err := hex.DecodeString(key)
	if err != nil {
		return fmt.Errorf("ticket codec: stored key: %w", err)
	}
	c, err := kiosk.NewKeyedTicketCodec(db.Tickets.KioskNumber(), k)
	if err != nil {
		return fmt.Errorf("ticket codec: %w", err)
	}
	db.codecState.key, db.codecState.codec = k, c
	if db.TicketKey != nil && !bytes.Equal(k, db.TicketKey) {
		db.keyMismatch = true
	}
	return nil
}

// ticketFor returns the code of seq, passing over counters whose code the
// legacy codec issued, and reserving counters in FILE.tickets before one
// is issued. Called with seqMu held.
func (db *DB) ticketFor(ctx context.Context, seq int64) (string, error) {
	st := &db.codecState
	n := st.base + seq + st.skipped
	code := st.codec.Code(n)
	skipped := st.skipped
	for st.key != nil && st.legacyBelow > 0 {
		if m, _ := db.Tickets.Counter(code); m == 0 || m >= st.legacyBelow {
			break
		}
		skipped++
		n++
		code = st.codec.Code(n)
	}
	if skipped != st.skipped {
		if _, err := db.db.ExecContext(ctx, `UPDATE ticket_codec SET skipped = ? WHERE id = 1`, skipped); err != nil {
			return "", domainError("submit: ticket codec", err)
		}
		st.skipped = skipped
	}
	if n >= db.codecFile.Reserved {
		f := db.codecFile
		f.Reserved = n + codecReserve
		if err := db.writeCodecFile(f); err != nil {
			return "", kiosk.WrapError(kiosk.EUNAVAILABLE, err, "submit: reserve ticket codes")
		}
	}
	return code, nil
}

// KeyedTickets reports whether the store's ticket codes come from a secret
// key (false: the legacy codes anyone can compute from the kiosk id), and
// whether the key given differs from the one the store keeps.
func (db *DB) KeyedTickets() (keyed, mismatch bool) {
	return db.codecState.key != nil, db.keyMismatch
}
