package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"opinionwall/hardware/printer"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
	"opinionwall/kiosk/toml"
	"opinionwall/kiosk/update"
	"opinionwall/mqtt"
)

// Main is the kiosk program ("kiosk run"): ParseFlags, then Run, then
// Close. Run opens the parts in order (store, hardware, relay, the
// resident's side, commands, updates) and serves residents; Close stops
// the background work and closes the parts in reverse order.
type Main struct {
	ConfigPath string
	DataDir    string
	ScriptPath string        // "": the window; "-": standard input
	Once       bool          // with a script: exit when it ends
	DrainWait  time.Duration // with -once: wait for the station's acks
	Backend    string        // auto, periph or sim
	SimSocket  string
	InstallDir string // enables the update command
	Relay      relayFlags

	Stdin  io.Reader
	Stdout io.Writer

	cfg     kiosk.Config
	log     *slog.Logger
	ring    *ops.Ring // the logs command reads the last lines here
	db      *sqlite.DB
	hw      *kit
	live    *ops.LiveConfig
	relay   *mqtt.Relay      // nil without -broker
	printer *printer.Printer // nil without a receipt printer
	ops     *ops.Handler
	updater *update.Updater // nil without -install-dir
	session *session.Session
	phone   *phone        // the booth's telephone side; nil on a wall kiosk
	reader  *booth.Reader // 读给我听 on a wall kiosk with a speaker; nil without one
	uiUp    atomic.Bool   // the window is up (or a script runs): an update may commit

	stop    context.CancelFunc // ends Run: the restart and update commands
	wg      sync.WaitGroup     // background loops
	closers []func() error     // in the order opened
}

// NewMain returns the program reading a script from standard input and
// writing to standard output.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, stop: func() {}}
}

// runCmd is "kiosk run".
func runCmd(ctx context.Context, args []string, stdin io.Reader, out io.Writer) error {
	m := NewMain()
	m.Stdin, m.Stdout = stdin, out
	if err := m.ParseFlags(args); err != nil {
		return err
	}
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

// ParseFlags reads the command line of "kiosk run".
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.StringVar(&m.ConfigPath, "config", "/etc/opinionwall/kiosk.toml", "configuration file")
	fs.StringVar(&m.DataDir, "data", "/var/lib/opinionwall", "data directory (the local store lives here)")
	fs.StringVar(&m.ScriptPath, "script", "", "no window: resident actions as lines from this file (- for standard input)")
	fs.BoolVar(&m.Once, "once", false, "exit when the script ends instead of running until stopped")
	fs.DurationVar(&m.DrainWait, "drain-wait", 0, "with -once: wait up to this long for the station to acknowledge everything before exiting")
	fs.StringVar(&m.Backend, "hardware", "auto", "hardware backend: auto (periph when GPIO chips are present, else sim), periph or sim")
	fs.StringVar(&m.InstallDir, "install-dir", "", "install directory with the kiosk symlink and releases/: enables the update command")
	fs.StringVar(&m.SimSocket, "sim-socket", "", "with the sim backend: a control socket for lines such as \"press rate1\", \"hook up\", \"lux 120\"")
	m.Relay.register(fs)
	return fs.Parse(args)
}

// Run opens every part and serves residents until ctx ends, the window
// closes, a -once script ends, or a command restarts the kiosk.
func (m *Main) Run(ctx context.Context) error {
	ctx, m.stop = context.WithCancel(ctx)
	m.ring = ops.NewRing(1000)
	m.log = slog.New(slog.NewTextHandler(io.MultiWriter(os.Stderr, m.ring), nil))
	if err := m.openStore(); err != nil {
		return err
	}
	if err := m.openHardware(ctx); err != nil {
		return err
	}
	m.loadLiveConfig(ctx)
	m.updater = newUpdater(m.InstallDir)
	if err := m.newRelay(); err != nil {
		return err
	}
	m.session = session.New(&m.cfg, notifyingStore{m.db, m.relay, m.log}, m.lookup())
	m.session.ClockSynced = clockSynced
	if err := m.openPhone(ctx); err != nil {
		return err
	}
	m.openReader(ctx)
	if err := m.openPrinter(); err != nil {
		return err
	}
	m.background(ctx, func(ctx context.Context) {
		purgeLoop(ctx, m.db, time.Duration(m.cfg.Store.RetentionDays)*24*time.Hour, m.log)
	})
	if m.ScriptPath != "" {
		sc, err := m.newScript(ctx)
		if err != nil {
			return err
		}
		if err := m.openRelay(m.newOps(nil)); err != nil {
			return err
		}
		m.startUpdates(ctx)
		return m.runScript(ctx, sc)
	}
	win := m.newWindow()
	if err := m.openRelay(m.newOps(win)); err != nil {
		return err
	}
	m.startUpdates(ctx)
	return m.runWindow(ctx, win)
}

// Close stops the background loops, then closes the relay, the hardware
// and the store, and returns the first error.
func (m *Main) Close() error {
	m.stop()
	m.wg.Wait()
	var first error
	for i := len(m.closers) - 1; i >= 0; i-- {
		if err := m.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	m.closers = nil
	return first
}

// background runs fn until ctx ends; Close waits for it.
func (m *Main) background(ctx context.Context, fn func(ctx context.Context)) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		fn(ctx)
	}()
}

// openStore loads the configuration and opens the local store.
func (m *Main) openStore() error {
	cfg, err := toml.Load(m.ConfigPath)
	if err != nil {
		return err
	}
	m.cfg = cfg
	db, err := openStore(&m.cfg, m.DataDir, m.log)
	if err != nil {
		return err
	}
	m.db = db
	m.closers = append(m.closers, db.Close)
	return nil
}

// openHardware opens the hardware backend; broken wiring must not take the
// kiosk down: it goes on by touch, on the simulation.
func (m *Main) openHardware(ctx context.Context) error {
	hw, err := openHardware(ctx, m.Backend, m.SimSocket, &m.cfg, m.log)
	if err != nil && m.Backend != "sim" {
		m.log.Error("hardware failed: running by touch only", "backend", m.Backend, "err", err)
		if hw, err = openHardware(ctx, "sim", "", &m.cfg, m.log); err == nil {
			hw.backend = "none (" + m.Backend + " failed)"
		}
	}
	if err != nil {
		return err
	}
	m.hw = hw
	m.closers = append(m.closers, hw.Close)
	m.log.Info("hardware", "backend", hw.backend)
	return nil
}

// loadLiveConfig takes up the configuration the hub sent before, if it is
// still valid.
func (m *Main) loadLiveConfig(ctx context.Context) {
	m.live = &ops.LiveConfig{Cfg: &m.cfg, DB: m.db}
	if err := m.live.LoadApplied(ctx); err != nil {
		m.log.Warn("the configuration applied before is not valid now; using the file's", "err", err)
	} else if m.live.Version() > 0 {
		m.log.Info("running the configuration the hub sent", "version", m.live.Version())
	}
}
