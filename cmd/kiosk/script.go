package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"opinionwall/hardware"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
)

// visit owns the session when a script is the interface, without a
// window: the script, the hardware and the timeout ticker take turns.
type visit struct {
	mu      sync.Mutex
	s       *session.Session
	sc      *session.Script
	buttons *buttons
	in      io.Reader // the script's lines
}

// newScript opens the script (- for standard input) and gives it the
// session; configuration from the hub applies between its lines.
func (m *Main) newScript(ctx context.Context) (*visit, error) {
	k := &visit{s: m.session, in: m.Stdin}
	if m.ScriptPath != "-" {
		f, err := os.Open(m.ScriptPath)
		if err != nil {
			return nil, fmt.Errorf("script: %w", err)
		}
		m.closers = append(m.closers, f.Close)
		k.in = f
	}
	k.sc = &session.Script{S: k.s, Sleep: sleepCtx(ctx),
		Polls: func(ctx context.Context) ([]kiosk.Poll, error) {
			p, err := m.db.Polls(ctx)
			return p.Polls, err
		}}
	k.buttons = &buttons{session: k.s, role: m.cfg.Kiosk.Role, leds: m.hw.leds, phone: m.phone}
	m.live.SetApply(func(f func()) { k.mu.Lock(); f(); k.mu.Unlock() })
	return k, nil
}

// runScript runs the script's lines until ctx ends, or until the script
// ends with -once (then, with -drain-wait, until the station has what was
// stored).
func (m *Main) runScript(ctx context.Context, k *visit) error {
	m.uiUp.Store(true) // no window: the script is the interface
	m.background(ctx, func(ctx context.Context) { k.tickLoop(ctx, m.Stdout) })
	m.background(ctx, func(ctx context.Context) { k.hardwareLoop(ctx, m.hw.inputs, m.Stdout) })
	err := k.serve(ctx, readLines(ctx, k.in), m.Stdout, m.Once)
	if err == nil && m.Once && m.relay != nil && m.DrainWait > 0 {
		waitDrained(ctx, m.db, m.DrainWait, m.log)
	}
	return err
}

// readLines delivers the script's lines until it ends (then the channel
// closes) or ctx does.
func readLines(ctx context.Context, in io.Reader) <-chan string {
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
	return lines
}

// waitDrained waits until the station has acknowledged every submission,
// or the time is up.
func waitDrained(ctx context.Context, db *sqlite.DB, limit time.Duration, log *slog.Logger) {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	poll := time.NewTicker(100 * time.Millisecond)
	defer poll.Stop()
	for {
		if st, err := db.Status(ctx); err == nil && st.Pending+st.Inflight == 0 {
			return
		}
		select {
		case <-poll.C:
			continue
		case <-ctx.Done():
		case <-deadline.C:
		}
		break
	}
	log.Warn("the station has not acknowledged everything yet; it stays queued on the kiosk")
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
func (k *visit) hardwareLoop(ctx context.Context, in hardware.Inputs, out io.Writer) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-in.Events():
			k.mu.Lock()
			k.buttons.Handle(ctx, e)
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

func sleepCtx(ctx context.Context) func(time.Duration) {
	return func(d time.Duration) {
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
	}
}
