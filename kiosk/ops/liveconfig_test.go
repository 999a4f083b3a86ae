package ops_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/sqlite"
)

func baseConfig() kiosk.Config {
	c := kiosk.Defaults()
	c.Kiosk.ID, c.Kiosk.Number, c.Kiosk.AdminPIN = "wall-01", 11, "480731"
	return c
}

func rawOf(t *testing.T, c kiosk.Config) json.RawMessage {
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLiveConfig(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	db := sqlite.NewDB(path)
	db.Tickets, _ = kiosk.NewTicketCodec(11, "wall-01")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg := baseConfig()
	live := &ops.LiveConfig{Cfg: &cfg, DB: db}

	want := baseConfig()
	want.Session.IdleTimeout = kiosk.Duration(2 * time.Minute)
	want.Kiosk.AdminPIN = "" // never sent
	if err := live.ApplyConfig(ctx, 5, rawOf(t, want)); err != nil {
		t.Fatal(err)
	}
	if cfg.Session.IdleTimeout.D() != 2*time.Minute || cfg.Kiosk.AdminPIN != "480731" || cfg.Version != 5 || live.Version() != 5 {
		t.Fatalf("applied: %+v %+v v%d", cfg.Session, cfg.Kiosk, live.Version())
	}
	// Not newer: nothing happens.
	if err := live.ApplyConfig(ctx, 5, rawOf(t, baseConfig())); kiosk.ErrorCode(err) != kiosk.ECONFLICT || cfg.Session.IdleTimeout.D() != 2*time.Minute {
		t.Fatalf("same version again: %v", err)
	}
	// Invalid values, another identity, unknown keys: refused, old kept, reason kept.
	bad := baseConfig()
	bad.Store.RetentionDays = 0
	other := baseConfig()
	other.Kiosk.ID = "wall-99"
	for _, tt := range []struct {
		name string
		v    int64
		raw  json.RawMessage
	}{
		{"invalid value", 6, rawOf(t, bad)},
		{"another kiosk", 7, rawOf(t, other)},
		{"unknown key", 8, json.RawMessage(`{"colour":"red"}`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := live.ApplyConfig(ctx, tt.v, tt.raw)
			if kiosk.ErrorCode(err) != kiosk.EINVALID || live.Version() != 5 || cfg.Session.IdleTimeout.D() != 2*time.Minute {
				t.Fatalf("v%d: %v, version %d", tt.v, err, live.Version())
			}
		})
	}
	if !strings.Contains(live.LastError(), "colour") && !strings.Contains(live.LastError(), "retention_days") && !strings.Contains(live.LastError(), "kiosk.id") {
		t.Errorf("last error %q", live.LastError())
	}
	if c, _ := db.Counters(ctx); c["config_rejected"] != 3 {
		t.Errorf("counters %v", c)
	}
	// After a restart the applied configuration comes back over the file's.
	again := baseConfig()
	restarted := &ops.LiveConfig{Cfg: &again, DB: db}
	if err := restarted.LoadApplied(ctx); err != nil {
		t.Fatal(err)
	}
	if again.Session.IdleTimeout.D() != 2*time.Minute || restarted.Version() != 5 {
		t.Errorf("after restart: %v v%d", again.Session.IdleTimeout.D(), restarted.Version())
	}
}
