package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"opinionwall/hardware"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
	"opinionwall/kiosk/toml"
	"opinionwall/kiosk/update"
)

func runCmd(ctx context.Context, args []string, stdin io.Reader, out io.Writer) error {
	flags := flag.NewFlagSet("run", flag.ContinueOnError)
	cfgPath := flags.String("config", "/etc/opinionwall/kiosk.toml", "configuration file")
	data := flags.String("data", "/var/lib/opinionwall", "data directory (the local store lives here)")
	scriptPath := flags.String("script", "", "no window: resident actions as lines from this file (- for standard input)")
	once := flags.Bool("once", false, "exit when the script ends instead of running until stopped")
	drainWait := flags.Duration("drain-wait", 0, "with -once: wait up to this long for the station to acknowledge everything before exiting")
	backend := flags.String("hardware", "auto", "hardware backend: auto (periph when GPIO chips are present, else sim), periph or sim")
	installDir := flags.String("install-dir", "", "install directory with the kiosk symlink and releases/: enables the update command")
	simSocket := flags.String("sim-socket", "", "with the sim backend: a control socket for lines such as \"press rate1\", \"hook up\", \"lux 120\"")
	var rf relayFlags
	rf.register(flags)
	if err := flags.Parse(args); err != nil {
		return err
	}
	ring := ops.NewRing(1000) // the logs command reads the last lines here
	log := slog.New(slog.NewTextHandler(io.MultiWriter(os.Stderr, ring), nil))

	cfg, err := toml.Load(*cfgPath)
	if err != nil {
		return err
	}
	codec, err := kiosk.NewTicketCodec(cfg.Kiosk.Number, cfg.Kiosk.ID)
	if err != nil {
		return err
	}
	db := sqlite.NewDB(filepath.Join(*data, "kiosk.db"))
	db.Tickets = codec
	db.MaxPages = cfg.Store.MaxMB * 256 // 4 KiB pages
	if err := db.Open(); err != nil {
		return err
	}
	defer db.Close()
	if aside := db.MovedAside(); aside != "" {
		log.Warn("the local store was corrupt: moved aside, started fresh", "moved_to", aside)
	}
	if why := db.ReadOnlyReason(); why != "" {
		log.Error("the local store is read-only: submissions are refused until the card is fixed", "reason", why)
	}
	log.Info("kiosk started", "kiosk", cfg.Kiosk.ID, "number", cfg.Kiosk.Number, "role", cfg.Kiosk.Role, "store", db.Path)
	hw, err := openHardware(ctx, *backend, *simSocket, &cfg, log)
	if err != nil && *backend != "sim" {
		// Broken wiring must not take the kiosk down: it goes on by touch.
		log.Error("hardware failed: running by touch only", "backend", *backend, "err", err)
		if hw, err = openHardware(ctx, "sim", "", &cfg, log); err == nil {
			hw.backend = "none (" + *backend + " failed)"
		}
	}
	if err != nil {
		return err
	}
	defer hw.Close()
	log.Info("hardware", "backend", hw.backend)
	live := &ops.LiveConfig{Cfg: &cfg, DB: db}
	if err := live.LoadApplied(ctx); err != nil {
		log.Warn("the configuration applied before is not valid now; using the file's", "err", err)
	} else if live.Version() > 0 {
		log.Info("running the configuration the hub sent", "version", live.Version())
	}
	ctx, stopAll := context.WithCancel(ctx) // the restart command ends the program
	defer stopAll()
	parts := &opsParts{}
	handler := newOps(&cfg, db, hw, parts, ring, rf.version, stopAll, log)
	var updater *update.Updater
	if *installDir != "" {
		updater = &update.Updater{Dir: *installDir, MaxBytes: 512 << 20}
	}
	registerUpdate(handler, updater, stopAll)
	relay, err := startRelay(rf, &cfg, db, hw, handler, live, log)
	if err != nil {
		return err
	}
	parts.set(func() { parts.relay = relay })
	uiUp := &atomic.Bool{}
	if updater != nil {
		go watchTrial(ctx, updater, relay, db, uiUp, rf.version, log)
	}
	if relay != nil {
		defer relay.Close()
	}

	if *scriptPath == "" {
		s := session.New(&cfg, notifyingStore{db, relay}, db)
		s.ClockSynced = clockSynced
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go purgeLoop(ctx, db, time.Duration(cfg.Store.RetentionDays)*24*time.Hour, log)
		return runWindow(ctx, &cfg, s, db, relay, hw, parts, live, uiUp, rf.version, log)
	}
	in := stdin
	if *scriptPath != "-" {
		f, err := os.Open(*scriptPath)
		if err != nil {
			return fmt.Errorf("script: %w", err)
		}
		defer f.Close()
		in = f
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		purgeLoop(ctx, db, time.Duration(cfg.Store.RetentionDays)*24*time.Hour, log)
	}()

	uiUp.Store(true) // no window: the script is the interface
	k := &visit{s: session.New(&cfg, notifyingStore{db, relay}, db)}
	live.SetApply(func(f func()) { k.mu.Lock(); f(); k.mu.Unlock() })
	k.s.ClockSynced = clockSynced
	k.sc = &session.Script{S: k.s, Sleep: sleepCtx(ctx),
		Polls: func(ctx context.Context) ([]kiosk.Poll, error) {
			p, err := db.Polls(ctx)
			return p.Polls, err
		}}
	wg.Add(1)
	go func() {
		defer wg.Done()
		k.tickLoop(ctx, out)
	}()
	disp := &buttons{session: k.s, role: cfg.Kiosk.Role, leds: hw.leds}
	wg.Add(1)
	go func() {
		defer wg.Done()
		k.hardwareLoop(ctx, hw.inputs, disp, out)
	}()

	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	err = k.serve(ctx, lines, out, *once)
	if err == nil && *once && relay != nil && *drainWait > 0 {
		waitDrained(ctx, db, *drainWait, log)
	}
	cancel()
	wg.Wait()
	return err
}

// waitDrained waits until the station has acknowledged every submission,
// or the time is up.
func waitDrained(ctx context.Context, db *sqlite.DB, limit time.Duration, log *slog.Logger) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		st, err := db.Status(ctx)
		if err == nil && st.Pending+st.Inflight == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	log.Warn("the station has not acknowledged everything yet; it stays queued on the kiosk")
}

// visit owns the session: the script and the timeout ticker take turns.
type visit struct {
	mu sync.Mutex
	s  *session.Session
	sc *session.Script
}

func (k *visit) serve(ctx context.Context, lines <-chan string, out io.Writer, once bool) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				if once {
					return nil
				}
				lines = nil // the script ended; keep running the kiosk
				continue
			}
			k.mu.Lock()
			res, err := k.sc.Exec(ctx, line)
			k.mu.Unlock()
			if res == "" && err == nil {
				continue
			}
			if err != nil {
				fmt.Fprintf(out, "> %s\n  %s\n  error: %v\n", line, res, err)
				continue
			}
			fmt.Fprintf(out, "> %s\n  %s\n", line, res)
		}
	}
}

// hardwareLoop hands hardware events to the session, in turn with the
// script and the ticker.
func (k *visit) hardwareLoop(ctx context.Context, in hardware.Inputs, d *buttons, out io.Writer) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-in.Events():
			k.mu.Lock()
			d.Handle(ctx, e)
			fmt.Fprintf(out, "(%s %s)\n  %s\n", e.Kind, e.Input, k.sc.Describe())
			k.mu.Unlock()
		}
	}
}

// tickLoop applies the session's timeouts.
func (k *visit) tickLoop(ctx context.Context, out io.Writer) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			k.mu.Lock()
			if k.s.Tick() {
				fmt.Fprintf(out, "(timeout)\n  %s\n", k.sc.Describe())
			}
			k.mu.Unlock()
		}
	}
}

// purgeLoop removes the texts of delivered submissions past retention, at
// start and then every hour.
func purgeLoop(ctx context.Context, db *sqlite.DB, retention time.Duration, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		n, err := db.Purge(ctx, retention)
		if err != nil && ctx.Err() == nil {
			log.Warn("purge", "err", err)
		} else if n > 0 {
			log.Info("purged texts of delivered submissions", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func sleepCtx(ctx context.Context) func(time.Duration) {
	return func(d time.Duration) {
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
	}
}
