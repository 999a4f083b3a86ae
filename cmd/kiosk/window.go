package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"opinionwall/display"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// runWindow shows the resident screens full screen until the context ends
// or the window is closed.
func runWindow(ctx context.Context, cfg *kiosk.Config, s *session.Session, db *sqlite.DB, relay *mqtt.Relay, version string, log *slog.Logger) error {
	a := app.NewWithID("org.opinionwall.kiosk")
	w := a.NewWindow("意见墙 Opinion Wall")
	if os.Getenv("OW_WINDOWED") == "" {
		w.SetFullScreen(true)
	} else {
		w.Resize(fyne.NewSize(1280, 800))
	}
	var k *display.Kiosk
	targets := os.Getenv("OW_TARGETS_FILE") // the smoke test reads where the buttons are
	k = display.New(a, w, display.Deps{
		AfterRefresh: func() {
			if targets != "" && k != nil {
				go fyne.Do(func() { writeTargets(targets, w, k.Targets()) })
			}
		},
		Session: s, Config: cfg, Snapshots: db,
		Admin: func(ctx context.Context) []display.AdminLine { return adminLines(ctx, cfg, db, relay, version) },
		Restart: func() {
			log.Info("restart asked on the admin screen")
			a.Quit()
		},
	})
	if targets != "" {
		go fyne.Do(func() { writeTargets(targets, w, k.Targets()) })
	}
	go func() {
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				fyne.Do(a.Quit)
				return
			case <-t.C:
				fyne.Do(func() {
					k.Tick()
					k.SetNight(cfg.BrightnessAt(time.Now()) < 50)
				})
			}
		}
	}()
	log.Info("window open", "fullscreen", os.Getenv("OW_WINDOWED") == "")
	w.ShowAndRun()
	return nil
}

// adminLines is what the admin screen shows of the kiosk.
func adminLines(ctx context.Context, cfg *kiosk.Config, db *sqlite.DB, relay *mqtt.Relay, version string) []display.AdminLine {
	lines := []display.AdminLine{{Name: "version", Value: version}}
	if relay != nil {
		st := relay.Stats()
		lines = append(lines, display.AdminLine{Name: "broker", Value: fmt.Sprintf("%s connected=%v published=%d acked=%d", relay.Broker, st.Connected, st.Published, st.Acked)})
	} else {
		lines = append(lines, display.AdminLine{Name: "broker", Value: "none (store only)"})
	}
	if st, err := db.Status(ctx); err == nil {
		lines = append(lines,
			display.AdminLine{Name: "outbox", Value: fmt.Sprintf("pending %d, inflight %d, acked %d", st.Pending, st.Inflight, st.Acked)},
			display.AdminLine{Name: "last ack", Value: st.LastAck.Local().Format(time.DateTime)})
	}
	if tel, err := telemetry(ctx, db); err == nil {
		lines = append(lines, display.AdminLine{Name: "disk free", Value: fmt.Sprintf("%d MiB", tel.DiskFreeBytes>>20)},
			display.AdminLine{Name: "clock synced", Value: fmt.Sprint(tel.ClockSynced)})
	}
	return lines
}

// writeTargets records the buttons on screen, one "label<TAB>x<TAB>y" a
// line, in screen pixels of the window's canvas.
func writeTargets(path string, w fyne.Window, ts []display.Target) {
	scale := w.Canvas().Scale()
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s\t%d\t%d\n", t.Label, int(t.X*scale), int(t.Y*scale))
	}
	tmp := path + ".tmp"
	if os.WriteFile(tmp, []byte(b.String()), 0o644) == nil {
		os.Rename(tmp, path)
	}
}
