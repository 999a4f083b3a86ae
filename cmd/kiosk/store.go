package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// openStore opens the local store in dataDir, saying what it found: a
// corrupt store moved aside, a read-only card.
func openStore(cfg *kiosk.Config, dataDir string, log *slog.Logger) (*sqlite.DB, error) {
	codec, err := kiosk.NewTicketCodec(cfg.Kiosk.Number, cfg.Kiosk.ID)
	if err != nil {
		return nil, err
	}
	db := sqlite.NewDB(filepath.Join(dataDir, "kiosk.db"))
	db.Tickets = codec
	if f := cfg.Kiosk.TicketKeyFile; f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("kiosk.ticket_key_file: %w", err)
		}
		if db.TicketKey, err = kiosk.ParseTicketKey(b); err != nil {
			return nil, fmt.Errorf("kiosk.ticket_key_file %s: %w", f, err)
		}
	}
	db.MaxPages = cfg.Store.MaxMB * 256 // 4 KiB pages
	db.AudioQuota = cfg.Store.AudioQuota()
	if err := db.Open(); err != nil {
		return nil, err
	}
	if aside := db.MovedAside(); aside != "" {
		log.Warn("the local store was corrupt: moved aside, started fresh", "moved_to", aside)
	}
	if why := db.ReadOnlyReason(); why != "" {
		log.Error("the local store is read-only: submissions are refused until the card is fixed", "reason", why)
	}
	switch keyed, mismatch := db.KeyedTickets(); {
	case !keyed:
		log.Warn("no ticket key (kiosk.ticket_key_file): ticket codes can be computed from the kiosk id; provision one")
	case mismatch:
		log.Warn("kiosk.ticket_key_file differs from the key the store keeps; the store's key goes on making codes")
	}
	log.Info("kiosk started", "kiosk", cfg.Kiosk.ID, "number", cfg.Kiosk.Number, "role", cfg.Kiosk.Role, "store", db.Path)
	return db, nil
}

// purgeLoop removes the texts of delivered submissions past retention, at
// start and then every hour.
func purgeLoop(ctx context.Context, db *sqlite.DB, retention time.Duration, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		n, err := db.Purge(ctx, retention)
		if err != nil && ctx.Err() == nil {
			log.Warn("purge", "err", err)
		} else if n > 0 {
			log.Info("purged texts of delivered submissions", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
