package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"opinionwall/display"
	"opinionwall/hardware"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// window is the resident screens, full screen (OW_WINDOWED=1: a 1280×800
// window; OW_WINDOWED=800x480: a window of that size, to try the other
// panels).
type window struct {
	app     fyne.App
	win     fyne.Window
	kiosk   *display.Kiosk
	screen  *hardware.Screen // the backlight: schedule, ambient light, idle at night
	buttons *buttons
	targets string // OW_TARGETS_FILE: where the smoke test reads the buttons' places
}

// newWindow makes the window and its screens, not yet shown: the command
// handler made next can take screenshots and show announcements in it.
func (m *Main) newWindow() *window {
	w := &window{app: app.NewWithID("org.opinionwall.kiosk"), targets: os.Getenv("OW_TARGETS_FILE")}
	w.win = w.app.NewWindow("意见墙 Opinion Wall")
	if win := os.Getenv("OW_WINDOWED"); win == "" {
		w.win.SetFullScreen(true)
	} else {
		w.win.Resize(windowSize(win))
	}
	h := m.cfg.Hardware
	w.screen = &hardware.Screen{Backlight: m.hw.backlight, DimAfter: h.DimAfter.D(), OffAfter: h.OffAfter.D(),
		Min: h.MinBright, Max: h.MaxBright, Now: time.Now}
	var readAloud func(lang, text string)
	if m.reader != nil {
		readAloud = m.reader.Read
	}
	w.kiosk = display.New(w.app, w.win, display.Deps{
		ReadAloud:    readAloud,
		Activity:     w.screen.Activity,
		AfterRefresh: w.writeTargetsLater,
		Session:      m.session, Config: &m.cfg, Snapshots: m.db,
		Handwriting: m.openHandwriting(),
		Admin: func(ctx context.Context) []display.AdminLine {
			return append(adminLines(ctx, &m.cfg, m.db, m.relay, m.Relay.version),
				display.AdminLine{Name: "hardware", Value: m.hw.backend},
				display.AdminLine{Name: "sensors", Value: describeReading(m.hw.Reading())})
		},
		HardwareTest: func() string { return m.hw.hardwareTest(context.Background()) },
		BoothKey:     m.boothKey,
		Restart: func() {
			m.log.Info("restart asked on the admin screen")
			w.app.Quit()
		},
	})
	w.writeTargetsLater()
	if m.phone != nil {
		// The booth's steps reach the screen on the UI thread.
		m.phone.booth.Show = func(v booth.View) { fyne.Do(func() { w.kiosk.ShowBooth(v) }) }
	}
	m.live.SetApply(func(f func()) { fyne.DoAndWait(func() { f(); w.kiosk.Refresh() }) })
	// Hardware events reach the visit on the UI thread.
	w.buttons = &buttons{session: m.session, role: m.cfg.Kiosk.Role, leds: m.hw.leds, screen: w.screen, phone: m.phone, after: func() { w.kiosk.Refresh() }}
	return w
}

// writeTargetsLater records where the buttons are, for the smoke test,
// once the UI thread has drawn them.
func (w *window) writeTargetsLater() {
	if w.targets != "" && w.kiosk != nil {
		go fyne.Do(func() { writeTargets(w.targets, w.win, w.kiosk.Targets()) })
	}
}

// runWindow shows the resident screens until ctx ends or the window is
// closed; the hardware, the sensors and the timeouts reach them meanwhile.
func (m *Main) runWindow(ctx context.Context, w *window) error {
	m.background(ctx, func(ctx context.Context) {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-m.hw.inputs.Events():
				fyne.Do(func() { w.buttons.Handle(ctx, e) })
			}
		}
	})
	m.background(ctx, func(ctx context.Context) { m.hw.sense(ctx, &m.cfg, w.screen, fyne.Do, m.log) })
	if m.hw.sim != nil {
		// The simulation's keys: 1-4 the rating buttons, h the handset, m motion.
		hookUp := false
		w.win.Canvas().SetOnTypedRune(func(r rune) {
			if c := m.hw.sim.KeyCommand(r, &hookUp); c != "" {
				m.hw.sim.Command(c)
			}
		})
	}
	dog := newWatchdog(m.log)
	m.background(ctx, func(ctx context.Context) { w.tickLoop(ctx, &m.cfg, dog) })
	w.app.Lifecycle().SetOnStarted(func() {
		m.uiUp.Store(true)
		ready(m.log)
	})
	m.log.Info("window open", "fullscreen", os.Getenv("OW_WINDOWED") == "")
	w.win.ShowAndRun()
	return nil
}

// tickLoop applies the session's timeouts and the night look, and pets
// systemd's watchdog from the UI thread, until ctx ends: then it quits the
// app.
func (w *window) tickLoop(ctx context.Context, cfg *kiosk.Config, dog *watchdog) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fyne.Do(w.app.Quit)
			return
		case <-t.C:
			fyne.Do(func() {
				w.kiosk.Tick()
				w.kiosk.SetNight(cfg.BrightnessAt(time.Now()) < 50)
				dog.Pet(time.Now()) // on the UI thread: a frozen UI stops the pings
			})
		}
	}
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
		free := "unknown"
		if tel.DiskFreeBytes >= 0 {
			free = fmt.Sprintf("%d MiB", tel.DiskFreeBytes>>20)
		}
		lines = append(lines, display.AdminLine{Name: "disk free", Value: free},
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
		fmt.Fprintf(&b, "%s\t%d\t%d", t.Label, int(t.X*scale), int(t.Y*scale))
		if t.W > 0 {
			fmt.Fprintf(&b, "\t%d\t%d", int(t.W*scale), int(t.H*scale))
		}
		b.WriteString("\n")
	}
	tmp := path + ".tmp"
	if os.WriteFile(tmp, []byte(b.String()), 0o644) == nil {
		os.Rename(tmp, path)
	}
}

// windowSize reads OW_WINDOWED: "WxH", or 1280×800 for anything else.
func windowSize(s string) fyne.Size {
	var w, h float32
	if n, _ := fmt.Sscanf(s, "%gx%g", &w, &h); n == 2 && w > 0 && h > 0 {
		return fyne.NewSize(w, h)
	}
	return fyne.NewSize(1280, 800)
}
