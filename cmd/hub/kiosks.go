package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

// registerKiosks loads the kiosk number registry into the store. A missing
// file is no error (a station from before the registry): each kiosk's
// first ticket then fixes its number.
func registerKiosks(ctx context.Context, db *hubsqlite.DB, path string, log *slog.Logger) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		log.Warn("no kiosk number registry: each kiosk's first ticket fixes its number", "file", path)
		return nil
	}
	if err != nil {
		return fmt.Errorf("kiosk registry: %w", err)
	}
	r, err := kiosk.ParseRegistry(b)
	if err != nil {
		return fmt.Errorf("kiosk registry %s: %w", path, err)
	}
	if err := db.RegisterKiosks(ctx, r); err != nil {
		return err
	}
	log.Info("kiosk number registry loaded", "file", path, "kiosks", len(r))
	return nil
}
