package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"opinionwall/hardware"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"opinionwall/display"
	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// runWindow shows the resident screens full screen until the context ends
// or the window is closed.
func runWindow(ctx context.Context, cfg *kiosk.Config, s *session.Session, db *sqlite.DB, relay *mqtt.Relay, hw *kit, parts *opsParts, live *ops.LiveConfig, uiUp *atomic.Bool, version string, log *slog.Logger) error {
	a := app.NewWithID("org.opinionwall.kiosk")
	w := a.NewWindow("意见墙 Opinion Wall")
	if os.Getenv("OW_WINDOWED") == "" {
		w.SetFullScreen(true)
	} else {
		w.Resize(fyne.NewSize(1280, 800))
	}
	var k *display.Kiosk
	targets := os.Getenv("OW_TARGETS_FILE") // the smoke test reads where the buttons are
	screen := &hardware.Screen{Backlight: hw.backlight, DimAfter: cfg.Hardware.DimAfter.D(), OffAfter: cfg.Hardware.OffAfter.D(),
		Min: cfg.Hardware.MinBright, Max: cfg.Hardware.MaxBright, Now: time.Now}
	k = display.New(a, w, display.Deps{
		Activity: screen.Activity,
		AfterRefresh: func() {
			if targets != "" && k != nil {
				go fyne.Do(func() { writeTargets(targets, w, k.Targets()) })
			}
		},
		Session: s, Config: cfg, Snapshots: db,
		Admin: func(ctx context.Context) []display.AdminLine {
			return append(adminLines(ctx, cfg, db, relay, version),
				display.AdminLine{Name: "hardware", Value: hw.backend},
				display.AdminLine{Name: "sensors", Value: describeReading(hw.Reading())})
		},
		HardwareTest: func() string { return hw.hardwareTest(context.Background()) },
		Restart: func() {
			log.Info("restart asked on the admin screen")
			a.Quit()
		},
	})
	if targets != "" {
		go fyne.Do(func() { writeTargets(targets, w, k.Targets()) })
	}
	live.SetApply(func(f func()) { fyne.DoAndWait(func() { f(); k.Refresh() }) })
	parts.set(func() {
		parts.screenshot = k.Screenshot
		parts.announce = func(t kiosk.Text, until time.Time) { fyne.Do(func() { k.Announce(t, until) }) }
	})
	// Hardware events reach the visit on the UI thread.
	disp := &buttons{session: s, role: cfg.Kiosk.Role, leds: hw.leds, screen: screen, after: func() { k.Refresh() }}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-hw.inputs.Events():
				fyne.Do(func() { disp.Handle(ctx, e) })
			}
		}
	}()
	go hw.sense(ctx, cfg, screen, fyne.Do, log)
	if hw.sim != nil {
		// The simulation's keys: 1-4 the rating buttons, h the handset, m motion.
		hookUp := false
		w.Canvas().SetOnTypedRune(func(r rune) {
			if c := hw.sim.KeyCommand(r, &hookUp); c != "" {
				hw.sim.Command(c)
			}
		})
	}
	dog := newWatchdog(log)
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
					dog.Pet(time.Now()) // on the UI thread: a frozen UI stops the pings
				})
			}
		}
	}()
	a.Lifecycle().SetOnStarted(func() {
		uiUp.Store(true)
		ready(log)
	})
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
