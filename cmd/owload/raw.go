package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/listeners"
	"github.com/mochi-mqtt/server/v2/system"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// rawResult is what a baseline run measured: plain clients into a bare
// broker, no hub.
type rawResult struct {
	broker        string
	kiosks, total int
	elapsed       time.Duration // until the last PUBACK
	cpu           time.Duration // this process's (clients, and mochi when in-process)
	latencies     []time.Duration
	received      int64 // by the one subscriber, waiting at most 5 s after the last PUBACK
	dropped       int64 // mochi's messages_dropped and inflight_dropped; -1 for mosquitto (not known here)
	// stalled is set when no PUBACK came for the stall time: the run was
	// ended then, and unfinished names the clients still waiting, with
	// how many of their messages were never acknowledged.
	stalled    time.Duration
	unfinished []string
}

func (r rawResult) print(w io.Writer) {
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(p*float64(len(r.latencies)-1))]
	}
	rate := 0.0
	if r.elapsed > 0 {
		rate = float64(r.total) / r.elapsed.Seconds()
	}
	fmt.Fprintf(w, "raw %s: kiosks %d, messages %d: last PUBACK after %s\n", r.broker, r.kiosks, r.total, ms(r.elapsed))
	fmt.Fprintf(w, "throughput %.0f messages/s (until the last PUBACK); CPU %.1f µs per message (this process)\n",
		rate, float64(r.cpu.Microseconds())/float64(max(r.total, 1)))
	fmt.Fprintf(w, "publish to PUBACK: p50 %s  p90 %s  p99 %s  max %s\n", ms(pct(.5)), ms(pct(.9)), ms(pct(.99)), ms(pct(1)))
	dropped := "not counted"
	if r.dropped >= 0 {
		dropped = fmt.Sprint(r.dropped)
	}
	fmt.Fprintf(w, "subscriber received %d of %d; broker dropped %s\n", r.received, r.total, dropped)
	if r.stalled > 0 {
		fmt.Fprintf(w, "stalled: no PUBACK for %s\n", r.stalled)
	}
	if len(r.unfinished) > 0 {
		fmt.Fprintf(w, "clients without every PUBACK (%d, messages unacknowledged):", len(r.unfinished))
		printList(w, r.unfinished)
	}
}

// rawLoad runs the baseline: o.kiosks plain paho clients, each publishing
// o.perKiosk messages of a submission's size at QoS 1 with at most
// o.window awaiting their PUBACK, all at once, into a bare broker with one
// plain subscriber at QoS 1 on every kiosk's up topic.
func rawLoad(ctx context.Context, o options) (rawResult, error) {
	res := rawResult{broker: o.raw, kiosks: o.kiosks, total: o.kiosks * o.perKiosk, dropped: -1}
	addr, stop, info, err := bareBroker(o.raw, o.rawHooks...)
	if err != nil {
		return res, err
	}
	defer stop()
	url := "tcp://" + addr
	var received atomic.Int64
	sub, err := plainClient(url, "raw-sub")
	if err != nil {
		return res, err
	}
	defer sub.Disconnect(50)
	if tok := sub.Subscribe(mqtt.KioskFilter(mqtt.LeafUp), 1, func(paho.Client, paho.Message) { received.Add(1) }); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		return res, fmt.Errorf("subscribe: %v", tok.Error())
	}
	clients := make([]paho.Client, o.kiosks)
	for i := range clients {
		if clients[i], err = plainClient(url, fmt.Sprintf("load-%03d", i)); err != nil {
			return res, err
		}
		defer clients[i].Disconnect(50)
	}
	payload, err := rawPayload()
	if err != nil {
		return res, err
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failed atomic.Int64
	var last atomic.Int64 // when the last PUBACK came, as time since start
	start, cpu0 := time.Now(), cpuTime()
	endGuard := stallGuard(ctx, cancel, start, &last, o.stall, &res.stalled)
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("load-%03d", i)
			lat, err := rawPublish(ctx, c, mqtt.KioskTopic(id, mqtt.LeafUp), payload, o.perKiosk, o.window, start, &last)
			if err != nil {
				failed.Add(1)
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			if len(lat) < o.perKiosk {
				res.unfinished = append(res.unfinished, fmt.Sprintf("%s(%d)", id, o.perKiosk-len(lat)))
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	endGuard()
	sort.Strings(res.unfinished)
	res.elapsed, res.cpu = time.Since(start), cpuTime()-cpu0
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	for deadline := time.Now().Add(5 * time.Second); received.Load() < int64(res.total) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	res.received = received.Load()
	if info != nil {
		res.dropped = info().MessagesDropped + info().InflightDropped
	}
	if n := failed.Load(); n > 0 {
		if res.stalled > 0 {
			return res, fmt.Errorf("%d of %d clients did not finish: no PUBACK came for %s", n, o.kiosks, res.stalled)
		}
		return res, fmt.Errorf("%d of %d clients did not finish within %s", n, o.kiosks, o.timeout)
	}
	return res, nil
}

// stallGuard ends the run (cancel) when no PUBACK came for d, and records
// d in stalled: a broker that loses a publish, or its PUBACK, would
// otherwise keep the run waiting until -timeout with nothing to show. last
// holds when the last PUBACK came, as time since start (monotonic). The
// returned func ends the guard; stalled is read after it.
func stallGuard(ctx context.Context, cancel func(), start time.Time, last *atomic.Int64, d time.Duration, stalled *time.Duration) func() {
	if d <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(min(max(d/4, time.Millisecond), time.Second))
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				return
			case <-tick.C:
				if time.Since(start)-time.Duration(last.Load()) >= d {
					*stalled = d
					cancel()
					return
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// rawPublish publishes n messages, at most window awaiting their PUBACK,
// and returns each one's time from publish to PUBACK.
// last is set at each PUBACK, to the time since start.
func rawPublish(ctx context.Context, c paho.Client, topic string, payload []byte, n, window int, start time.Time, last *atomic.Int64) ([]time.Duration, error) {
	type pending struct {
		tok paho.Token
		at  time.Time
	}
	lat := make([]time.Duration, 0, n)
	var ring []pending
	wait := func(p pending) error {
		select {
		case <-p.tok.Done():
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := p.tok.Error(); err != nil {
			return err
		}
		now := time.Now()
		last.Store(int64(now.Sub(start)))
		lat = append(lat, now.Sub(p.at))
		return nil
	}
	for i := 0; i < n; i++ {
		if len(ring) == window {
			if err := wait(ring[0]); err != nil {
				return lat, err
			}
			ring = ring[1:]
		}
		ring = append(ring, pending{tok: c.Publish(topic, 1, false, payload), at: time.Now()})
	}
	for _, p := range ring {
		if err := wait(p); err != nil {
			return lat, err
		}
	}
	return lat, nil
}

// rawPayload is an up message of one submission, as the simulated kiosks send.
func rawPayload() ([]byte, error) {
	var gen kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(10, "load-000")
	now := time.Now()
	sub := kiosk.Submission{ID: gen.New(now), Seq: 1, Kiosk: "load-000", Kind: kiosk.KindOpinion, Ticket: codec.Code(1),
		CreatedAt: now, ClockSynced: true, Body: kiosk.Body{Topic: "sanitation", Phrases: []string{"garbage-piled"},
			Text: "楼下垃圾站三天没有清运 00000000", Lang: "zh", Channel: kiosk.ChannelTouch}}
	return mqtt.EncodeUp(&sub)
}

func plainClient(url, id string) (paho.Client, error) {
	c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID(id).SetProtocolVersion(4).
		SetCleanSession(true).SetConnectTimeout(10 * time.Second).SetOrderMatters(false))
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("%s: connect: %v", id, tok.Error())
	}
	return c, nil
}

// bareBroker starts mochi (default capabilities, anyone allowed) in this
// process or Debian's mosquitto as a child process with the queue settings
// of deploy/mosquitto/opinionwall.conf and anyone allowed, on a free
// loopback port. info reads mochi's counters (nil for mosquitto).
// hooks are added to mochi after the allow-all one (tests).
func bareBroker(kind string, hooks ...mochi.Hook) (addr string, stop func(), info func() system.Info, err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, err
	}
	addr = l.Addr().String()
	l.Close()
	switch kind {
	case "mochi":
		s := mochi.New(&mochi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err := s.AddHook(new(auth.AllowHook), nil); err != nil {
			return "", nil, nil, err
		}
		for _, h := range hooks {
			if err := s.AddHook(h, nil); err != nil {
				return "", nil, nil, err
			}
		}
		if err := s.AddListener(listeners.NewTCP(listeners.Config{ID: "raw", Address: addr})); err != nil {
			return "", nil, nil, err
		}
		if err := s.Serve(); err != nil {
			return "", nil, nil, err
		}
		return addr, func() { closeMochi(s) }, func() system.Info { return *s.Info.Clone() }, nil
	case "mosquitto":
		stop, err := startMosquitto(addr)
		return addr, stop, nil, err
	}
	return "", nil, nil, fmt.Errorf("-raw %q: want mochi or mosquitto", kind)
}

// closeMochi closes a bare mochi once the clients that were disconnecting
// are gone (at most 5 s). mochi v2.7.9's Close can deadlock otherwise: it
// read-locks its client list twice (Clients.GetByListener calls Len), and a
// client being removed in between asks for the write lock, which blocks the
// second read lock for good (mochi-mqtt/server#488). A raw run hung so at
// its end, in TestRawSmall. The hub's broker (mqtt/broker) is not exposed:
// its listener, once it has ended its own connections, skips mochi's walk
// of the client list at Close.
func closeMochi(s *mochi.Server) {
	for deadline := time.Now().Add(5 * time.Second); s.Clients.Len() > 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	s.Close()
}

// startMosquitto runs mosquitto on addr until stop.
func startMosquitto(addr string) (func(), error) {
	host, port, _ := net.SplitHostPort(addr)
	dir, err := os.MkdirTemp("", "owload-mosquitto-")
	if err != nil {
		return nil, err
	}
	conf := fmt.Sprintf("allow_anonymous true\npersistence false\nlog_dest none\n%slistener %s %s\nmax_connections -1\n",
		mosquittoQueueConf, port, host)
	if os.Geteuid() == 0 {
		conf = "user root\n" + conf
	}
	cfg := filepath.Join(dir, "mosquitto.conf")
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command(mosquittoPath(), "-c", cfg)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("mosquitto: %w", err)
	}
	stop := func() {
		cmd.Process.Kill()
		cmd.Wait()
		os.RemoveAll(dir)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return stop, nil
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("mosquitto did not listen on %s", addr)
		}
	}
}

// mosquittoQueueConf are deploy/mosquitto/opinionwall.conf's queue
// settings, so the baseline mosquitto holds what the deployed one holds.
const mosquittoQueueConf = "max_queued_messages 100000\nmax_queued_bytes 67108864\nmax_inflight_messages 100\n"

// mosquittoPath is mosquitto on the PATH, or Debian's /usr/sbin/mosquitto
// (not on a user's PATH).
func mosquittoPath() string {
	if p, err := exec.LookPath("mosquitto"); err == nil {
		return p
	}
	return "/usr/sbin/mosquitto"
}
