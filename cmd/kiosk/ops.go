package main

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"log/slog"
	"os/exec"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// opsParts are what the maintenance commands reach that only exist once
// the relay or the window do.
type opsParts struct {
	mu         sync.Mutex
	relay      *mqtt.Relay
	screenshot func() image.Image
	announce   func(kiosk.Text, time.Time)
}

func (p *opsParts) set(fn func()) { p.mu.Lock(); fn(); p.mu.Unlock() }

// newOps makes the command handler of this kiosk.
func newOps(cfg *kiosk.Config, db *sqlite.DB, hw *kit, parts *opsParts, ring *ops.Ring, version string, stop func(), log *slog.Logger) *ops.Handler {
	h := &ops.Handler{Kiosk: cfg.Kiosk.ID, Nonces: db, Now: time.Now, Log: log.With("part", "ops"), MaxAge: 24 * time.Hour}
	ops.RegisterStandard(h, ops.Deps{
		Status: func(ctx context.Context) (any, error) {
			st, err := db.Status(ctx)
			out := map[string]any{"version": version, "store": st, "hardware": hw.backend, "sensors": describeReading(hw.Reading())}
			parts.mu.Lock()
			if parts.relay != nil {
				out["relay"] = parts.relay.Stats()
			}
			parts.mu.Unlock()
			return out, err
		},
		Config:    func() any { return cfg },
		Simulated: hw.backend == "sim", // not a Pi whose wiring failed: that one reboots
		Display:   hw.backlight,
		Screenshot: func(ctx context.Context) ([]byte, error) {
			parts.mu.Lock()
			shoot := parts.screenshot
			parts.mu.Unlock()
			if shoot == nil {
				return nil, errors.New("this kiosk has no window")
			}
			var buf bytes.Buffer
			var err error
			fyne.DoAndWait(func() { err = png.Encode(&buf, shoot()) })
			return buf.Bytes(), err
		},
		Logs: ring,
		Resend: func(ctx context.Context) (int, error) {
			n, err := db.Requeue(ctx, 0)
			parts.mu.Lock()
			if parts.relay != nil {
				parts.relay.Notify()
			}
			parts.mu.Unlock()
			return n, err
		},
		Purge: db.DeleteDelivered,
		Announce: func(t kiosk.Text, until time.Time) error {
			parts.mu.Lock()
			fn := parts.announce
			parts.mu.Unlock()
			if fn == nil {
				return errors.New("this kiosk has no screen to show it on")
			}
			fn(t, until)
			return nil
		},
		SelfTest: func(ctx context.Context) (any, error) {
			out := map[string]any{"hardware": hw.hardwareTest(ctx)}
			st, err := db.Status(ctx)
			out["store"] = err == nil && st.ReadOnly == ""
			parts.mu.Lock()
			relay := parts.relay
			parts.mu.Unlock()
			if relay != nil {
				rt, rerr := relay.RoundTrip(ctx)
				out["broker_round_trip_ms"] = rt.Milliseconds()
				if rerr != nil {
					out["broker_error"] = rerr.Error()
					if err == nil {
						err = rerr
					}
				}
			}
			return out, err
		},
		Restart: func() error {
			time.AfterFunc(time.Second, stop) // let the result go out first
			return nil
		},
		Reboot: func() error {
			if hw.backend == "sim" {
				log.Info("reboot asked on simulated hardware: nothing rebooted")
				return nil // the result says nothing was rebooted: a simulated kiosk has no machine of its own
			}
			time.AfterFunc(time.Second, func() { exec.Command("systemctl", "reboot").Run() })
			return nil
		},
	})
	return h
}
