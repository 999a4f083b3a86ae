package main

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os/exec"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/mqtt"
)

// link is what the maintenance commands ask of the relay.
type link interface {
	Stats() mqtt.RelayStats
	Notify()
	RoundTrip(ctx context.Context) (time.Duration, error)
}

var _ link = (*mqtt.Relay)(nil)

// kioskOps are the maintenance commands' view of this kiosk: every part
// they reach exists before the command handler is made and does not
// change after, so they take no lock.
type kioskOps struct {
	m    *Main
	link link    // nil without a broker
	win  *window // nil with a script
}

// newOps makes the command handler of this kiosk, before the relay that
// feeds it is opened.
func (m *Main) newOps(win *window) *ops.Handler {
	k := &kioskOps{m: m, win: win}
	if m.relay != nil {
		k.link = m.relay
	}
	h := &ops.Handler{Kiosk: m.cfg.Kiosk.ID, Nonces: m.db, Now: time.Now, ClockSynced: clockSynced, Log: m.log.With("part", "ops"), MaxAge: 24 * time.Hour}
	ops.RegisterStandard(h, ops.Deps{
		Status:     k.status,
		Config:     func() any { return &m.cfg },
		Simulated:  m.hw.backend == "sim", // not a Pi whose wiring failed: that one reboots
		Display:    m.hw.backlight,
		Screenshot: k.screenshot,
		Logs:       m.ring,
		Resend:     k.resend,
		Purge:      m.db.DeleteDelivered,
		Announce:   k.announce,
		SelfTest:   k.selfTest,
		Restart:    k.restart,
		Reboot:     k.reboot,
	})
	registerUpdate(h, m.updater, m.stop)
	return h
}

func (k *kioskOps) status(ctx context.Context) (any, error) {
	st, err := k.m.db.Status(ctx)
	out := map[string]any{"version": k.m.Relay.version, "store": st, "hardware": k.m.hw.backend, "sensors": describeReading(k.m.hw.Reading())}
	if k.link != nil {
		out["relay"] = k.link.Stats()
	}
	return out, err
}

func (k *kioskOps) screenshot(ctx context.Context) ([]byte, error) {
	if k.win == nil {
		return nil, errors.New("this kiosk has no window")
	}
	var buf bytes.Buffer
	var err error
	fyne.DoAndWait(func() { err = png.Encode(&buf, k.win.kiosk.Screenshot()) })
	return buf.Bytes(), err
}

func (k *kioskOps) resend(ctx context.Context) (int, error) {
	n, err := k.m.db.Requeue(ctx, 0)
	if k.link != nil {
		k.link.Notify()
	}
	return n, err
}

func (k *kioskOps) announce(t kiosk.Text, until time.Time) error {
	if k.win == nil {
		return errors.New("this kiosk has no screen to show it on")
	}
	fyne.Do(func() { k.win.kiosk.Announce(t, until) })
	return nil
}

func (k *kioskOps) selfTest(ctx context.Context) (any, error) {
	out := map[string]any{"hardware": k.m.hw.hardwareTest(ctx)}
	st, err := k.m.db.Status(ctx)
	out["store"] = err == nil && st.ReadOnly == ""
	if k.link == nil {
		return out, err
	}
	rt, rerr := k.link.RoundTrip(ctx)
	out["broker_round_trip_ms"] = rt.Milliseconds()
	if rerr != nil {
		out["broker_error"] = rerr.Error()
		if err == nil {
			err = rerr
		}
	}
	return out, err
}

func (k *kioskOps) restart() error {
	time.AfterFunc(time.Second, k.m.stop) // let the result go out first
	return nil
}

func (k *kioskOps) reboot() error {
	if k.m.hw.backend == "sim" {
		k.m.log.Info("reboot asked on simulated hardware: nothing rebooted")
		return nil // the result says nothing was rebooted: a simulated kiosk has no machine of its own
	}
	time.AfterFunc(time.Second, func() { exec.Command("systemctl", "reboot").Run() })
	return nil
}
