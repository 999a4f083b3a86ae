// Command owload is a load generator for the station's hub: it simulates
// many kiosks publishing submissions at once into one hub and measures how
// many reach the station's inbox per second (timed until the last case
// exists, not the last ack), and the latency from publish to (signed,
// verified) ack.
//
// By default it runs the hub itself, as `hub run` does: the embedded broker
// on a loopback port, the ingest, and a store in a temporary directory.
// After the run it checks every id sent exactly once among the hub's
// submissions and cases, and prints the ingest's and the broker's counters
// of what they dropped. When -timeout passes first it names the kiosks that
// did not finish and exits with status 1.
//
// Each simulated kiosk sends one submission a message, at most -window
// (16) unacknowledged; -batch 32 -window 1024 sends its queue as
// mqtt.Relay does after an outage, up to 32 submissions a message. Kiosks
// follow the pace the hub's state signals (window and spread) as
// mqtt.Relay does, unless -no-pace; the ingest takes the kiosks' publishes
// from the embedded broker in-process as `hub run` does, unless
// -subscribed. -raw mochi|mosquitto measures the baseline instead: the
// same number of plain paho clients publishing the same messages at QoS 1
// into a bare broker (mochi in-process, or Debian's mosquitto started for
// the run) with one plain subscriber, timed until the last PUBACK; when no
// PUBACK came for -stall it ends and names the clients still waiting.
// With -cpuprofile the simulated kiosks run under the profile label
// part=fleet (go tool pprof -tags shows their share of the CPU).
//
//	owload [-kiosks 200] [-per-kiosk 100] [-window 16] [-batch 1] [-timeout 5m] [-defer-cases] [-no-pace] [-subscribed] [-cpuprofile FILE]
//	owload -raw mochi|mosquitto [-kiosks 200] [-per-kiosk 100] [-window 16] [-timeout 5m] [-stall 20s]
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	mochi "github.com/mochi-mqtt/server/v2"

	"opinionwall/mqtt"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "owload:", err)
		os.Exit(1)
	}
}

type options struct {
	kiosks, perKiosk, window int
	batch                    int
	timeout, stall           time.Duration
	keep, deferCases         bool
	noPace, subscribed       bool
	raw                      string
	cpuProfile               string
	rawHooks                 []mochi.Hook // tests: more hooks on -raw mochi
}

func run() error {
	var o options
	flag.IntVar(&o.kiosks, "kiosks", 200, "simulated kiosks, all publishing at once")
	flag.IntVar(&o.perKiosk, "per-kiosk", 100, "submissions each kiosk sends")
	flag.IntVar(&o.window, "window", 16, "submissions a kiosk has published and not yet seen acked (-raw: messages awaiting their PUBACK)")
	flag.IntVar(&o.batch, "batch", 1, "most submissions a kiosk puts in one message (-batch 32 -window 1024 sends a queue as mqtt.Relay does)")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "give up after this long (the kiosks that did not finish are named)")
	flag.DurationVar(&o.stall, "stall", 20*time.Second, "-raw: give up when no PUBACK came for this long (the clients still waiting are named)")
	flag.BoolVar(&o.keep, "keep", false, "keep the hub's temporary data directory")
	flag.BoolVar(&o.deferCases, "defer-cases", false, "queue cases for the projector instead of making them in the ingest's transaction")
	flag.BoolVar(&o.noPace, "no-pace", false, "kiosks ignore the pace in the hub's state (window and spread)")
	flag.BoolVar(&o.subscribed, "subscribed", false, "the ingest on its subscription instead of attached to the broker")
	flag.StringVar(&o.raw, "raw", "", "no hub: plain paho clients into a bare broker, mochi or mosquitto (the baseline)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run (kiosks, broker and hub) to this file")
	flag.Parse()
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if o.raw != "" {
		r, err := rawLoad(context.Background(), o)
		r.print(os.Stdout)
		return err
	}
	res, err := load(context.Background(), o)
	res.print(os.Stdout)
	if err != nil {
		return err
	}
	return res.check()
}

func load(ctx context.Context, o options) (result, error) {
	res := result{kiosks: o.kiosks, total: o.kiosks * o.perKiosk}
	dir, err := os.MkdirTemp("", "owload-")
	if err != nil {
		return res, err
	}
	if !o.keep {
		defer os.RemoveAll(dir)
	}
	ids := make([]string, o.kiosks)
	for i := range ids {
		ids[i] = fmt.Sprintf("load-%03d", i)
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := &loadHub{Dir: dir, Kiosks: ids, Signer: mqtt.NewSigner(priv), DeferCases: o.deferCases, Subscribed: o.subscribed}
	err = h.Open()
	defer h.Close()
	if err != nil {
		return res, err
	}
	// Connect every kiosk first, then let them all go at once.
	// The simulated kiosks run under the profile label part=fleet, and so
	// do the goroutines their paho clients start: -cpuprofile then tells
	// their share from the hub's (go tool pprof -tagfocus part=fleet).
	// The caller's labels (those in ctx) are put back after.
	caller := ctx
	ctx = pprof.WithLabels(ctx, pprof.Labels("part", "fleet"))
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	sims := make([]*sim, o.kiosks)
	pprof.SetGoroutineLabels(ctx)
	for i, id := range ids {
		s, err := newSim(id, 10+i%90, h.URL(), password(id), trust, o)
		if err != nil {
			pprof.SetGoroutineLabels(caller)
			return res, err
		}
		defer s.client.Disconnect(50)
		sims[i] = s
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	start, cpu0 := time.Now(), cpuTime()
	runSims(ctx, sims)
	pprof.SetGoroutineLabels(caller)
	res.acked = time.Since(start)
	res.collect(sims)
	if len(res.incomplete) == 0 {
		err = waitCases(ctx, h, int64(res.total))
		res.elapsed, res.cpu = time.Since(start), cpuTime()-cpu0
	} else {
		err = fmt.Errorf("%d of %d kiosks did not finish within %s", len(res.incomplete), o.kiosks, o.timeout)
	}
	res.ingest, res.broker = h.ingest.Stats(), h.broker.Stats()
	res.cases, _ = h.db.CasesMade(context.Background())
	subs, cases, serr := h.db.StoredIDs(context.Background())
	if serr != nil {
		return res, errors.Join(err, serr)
	}
	res.verify(sims, subs, cases)
	return res, err
}

// waitCases waits until the hub has made n cases.
func waitCases(ctx context.Context, h *loadHub, n int64) error {
	for {
		made, err := h.db.CasesMade(ctx)
		if err != nil || made >= n {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d of %d cases made: %w", made, n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// cpuTime is the CPU time (user and system) this process has used: the
// kiosks, the broker and the hub all run in it. On a shared machine it
// says more than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runSims runs every kiosk at once until each finished or ctx ended.
func runSims(ctx context.Context, sims []*sim) {
	var wg sync.WaitGroup
	for _, s := range sims {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.run(ctx); err != nil && ctx.Err() == nil {
				fmt.Fprintf(os.Stderr, "owload: %s: %v\n", s.id, err)
			}
		}()
	}
	wg.Wait()
}

// printList writes at most 20 items, then how many more there are.
func printList(w io.Writer, items []string) {
	for i, it := range items {
		if i == 20 {
			fmt.Fprintf(w, " … and %d more", len(items)-20)
			break
		}
		fmt.Fprint(w, " ", it)
	}
	fmt.Fprintln(w)
}
