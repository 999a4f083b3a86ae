package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/sqlite"
	"opinionwall/kiosk/update"
	"opinionwall/mqtt"
)

// healthDeadline is how long a new binary has to report healthy.
var healthDeadline = 3 * time.Minute

// newUpdater is the updater of the install directory, or nil without one:
// then the update command says so.
func newUpdater(installDir string) *update.Updater {
	if installDir == "" {
		return nil
	}
	return &update.Updater{Dir: installDir, MaxBytes: 512 << 20}
}

// startUpdates finishes an update after its restart, once the kiosk is
// healthy; Close stops it.
func (m *Main) startUpdates(ctx context.Context) {
	if m.updater == nil || m.relay == nil {
		return
	}
	m.background(ctx, func(ctx context.Context) {
		watchTrial(ctx, m.updater, m.relay, m.db, &m.uiUp, m.Relay.version, m.log)
	})
}

// registerUpdate adds the update command: download, check, switch, restart.
func registerUpdate(h *ops.Handler, u *update.Updater, stop func()) {
	h.Register("update", func(ctx context.Context, args json.RawMessage) (any, error) {
		var p update.Plan
		if err := ops.DecodeArgs("update", args, &p); err != nil {
			return nil, err
		}
		if u == nil {
			return nil, fmt.Errorf("update: this kiosk was not started with -install-dir")
		}
		rel, err := u.Stage(ctx, p)
		if err != nil {
			return nil, err
		}
		if err := u.Switch(ops.CID(ctx), p.Version, rel, healthDeadline); err != nil {
			return nil, err
		}
		time.AfterFunc(time.Second, stop) // systemd starts the new binary
		return map[string]string{"version": p.Version}, ops.InProgress{Detail: "switched to " + p.Version + ": restarting, then a health check"}
	})
}

// watchTrial finishes an update after the restart: a new binary that is
// connected, with its store open and its screen up, commits and reports
// success; an update the guard rolled back is reported as failed.
func watchTrial(ctx context.Context, u *update.Updater, relay *mqtt.Relay, db *sqlite.DB, uiUp *atomic.Bool, version string, log *slog.Logger) {
	st, err := u.Pending()
	if err != nil || st == nil || relay == nil {
		return
	}
	if st.State == update.StateFailed {
		log.Error("the update was rolled back", "version", st.Version, "reason", st.Reason)
		if relay.Report(ctx, kiosk.Result{CID: st.CID, Status: kiosk.ResultFailed, Detail: "rolled back to " + st.Previous + ": " + st.Reason}) == nil {
			u.Clear()
		}
		return
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		_, stErr := db.Status(ctx)
		if relay.Stats().Connected && stErr == nil && uiUp.Load() {
			if err := u.Commit(); err != nil {
				log.Error("commit update", "err", err)
				return
			}
			log.Info("update healthy: kept", "version", st.Version)
			relay.Report(ctx, kiosk.Result{CID: st.CID, Status: kiosk.ResultSucceeded, Detail: "running " + version + ", healthy"})
			return
		}
	}
}

// updateGuardCmd runs before every start of the kiosk (systemd
// ExecStartPre): it rolls a failing update back. It never fails the start.
func updateGuardCmd(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("update-guard", flag.ContinueOnError)
	dir := fs.String("install-dir", "/opt/opinionwall", "install directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u := &update.Updater{Dir: *dir, MaxStarts: 3}
	rolled, err := u.Guard()
	switch {
	case err != nil:
		fmt.Fprintf(out, "update-guard: %v\n", err)
	case rolled:
		st, _ := u.Pending()
		fmt.Fprintf(out, "update-guard: rolled back to %s: %s\n", st.Previous, st.Reason)
	}
	return nil
}
