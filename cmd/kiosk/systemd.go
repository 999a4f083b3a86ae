package main

import (
	"log/slog"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// watchdog tells systemd the kiosk is ready and, from the UI loop, that the
// UI is alive: a frozen UI stops the pings and systemd (WatchdogSec=)
// restarts the kiosk. Outside systemd it does nothing.
type watchdog struct {
	every time.Duration
	last  time.Time
	log   *slog.Logger
}

// newWatchdog returns nil when systemd did not ask for pings.
func newWatchdog(log *slog.Logger) *watchdog {
	iv, err := daemon.SdWatchdogEnabled(false)
	if err != nil {
		log.Warn("systemd watchdog settings", "err", err)
	}
	if iv <= 0 {
		return nil
	}
	log.Info("systemd watchdog", "timeout", iv)
	return &watchdog{every: iv / 3, log: log}
}

// Ready says READY=1 (Type=notify units wait for it).
func ready(log *slog.Logger) {
	if _, err := daemon.SdNotify(false, daemon.SdNotifyReady); err != nil {
		log.Warn("systemd notify", "err", err)
	}
}

// Pet sends WATCHDOG=1 at most every third of the timeout. Call it from the
// UI thread's tick.
func (w *watchdog) Pet(now time.Time) {
	if w == nil || now.Sub(w.last) < w.every {
		return
	}
	w.last = now
	if _, err := daemon.SdNotify(false, daemon.SdNotifyWatchdog); err != nil {
		w.log.Warn("systemd watchdog", "err", err)
	}
}
