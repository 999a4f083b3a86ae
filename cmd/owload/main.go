// Command owload is a load generator for the station's hub: it simulates
// many kiosks publishing submissions at once into one hub and measures how
// many are committed and acknowledged per second, and the latency from
// publish to (signed, verified) ack.
//
// By default it runs the hub itself, as `hub run` does: the embedded broker
// on a loopback port, the ingest, and a store in a temporary directory.
//
//	owload [-kiosks 200] [-per-kiosk 100] [-window 16]
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"

	paho "github.com/eclipse/paho.mqtt.golang"

	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
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
	timeout                  time.Duration
	keep                     bool
}

func run() error {
	var o options
	flag.IntVar(&o.kiosks, "kiosks", 200, "simulated kiosks, all publishing at once")
	flag.IntVar(&o.perKiosk, "per-kiosk", 100, "submissions each kiosk sends")
	flag.IntVar(&o.window, "window", 16, "submissions a kiosk has published and not yet seen acked")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "give up after this long")
	flag.BoolVar(&o.keep, "keep", false, "keep the hub's temporary data directory")
	flag.Parse()
	res, err := load(context.Background(), o)
	if err != nil {
		return err
	}
	res.print(os.Stdout)
	return nil
}

// result is what a load run measured.
type result struct {
	kiosks, total int
	elapsed       time.Duration
	latencies     []time.Duration
	stored        int64
	ingest        hubside.IngestStats
}

func (r result) rate() float64 { return float64(r.total) / r.elapsed.Seconds() }

func (r result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i]
}

func (r result) print(w *os.File) {
	fmt.Fprintf(w, "kiosks %d, submissions %d, committed and acked in %s\n", r.kiosks, r.total, r.elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "throughput %.0f submissions/s\n", r.rate())
	fmt.Fprintf(w, "publish to ack: p50 %s  p90 %s  p99 %s  max %s\n", r.percentile(.5).Round(time.Millisecond),
		r.percentile(.9).Round(time.Millisecond), r.percentile(.99).Round(time.Millisecond), r.percentile(1).Round(time.Millisecond))
	fmt.Fprintf(w, "hub store: %d rows (exactly once: %v); ingest %+v\n", r.stored, r.stored == int64(r.total), r.ingest)
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
	creds := &mqtt.Credentials{}
	pass := func(u string) string { return "load-" + u }
	ids := make([]string, o.kiosks)
	for i := range ids {
		ids[i] = fmt.Sprintf("load-%03d", i)
		if err := creds.Set(ids[i], pass(ids[i])); err != nil {
			return res, err
		}
	}
	creds.Set(mqtt.UserHub, pass(mqtt.UserHub))
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	trust := mqtt.NewTrust(pub)

	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := b.Open(); err != nil {
		return res, err
	}
	defer b.Close()
	url := "tcp://" + b.ListenAddr()
	db := hubsqlite.NewDB(filepath.Join(dir, "hub.db"))
	db.DeferCases = true // as `hub run`: the review app's cases are made beside the ingest
	if err := db.Open(); err != nil {
		return res, err
	}
	defer db.Close()
	proj := &hubsqlite.Projector{DB: db}
	if err := proj.Open(); err != nil {
		return res, err
	}
	defer proj.Close()
	in := &hubside.Ingest{Conn: mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: pass(mqtt.UserHub)}, Store: db, Signer: mqtt.NewSigner(priv)}
	if err := in.Open(); err != nil {
		return res, err
	}
	defer in.Close()
	for deadline := time.Now().Add(10 * time.Second); !in.Connected(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return res, fmt.Errorf("ingest did not connect")
		}
	}

	// Connect every kiosk first, then let them all go at once.
	sims := make([]*sim, o.kiosks)
	for i, id := range ids {
		s, err := newSim(id, 10+i%90, url, pass(id), trust, o)
		if err != nil {
			return res, err
		}
		defer s.client.Disconnect(50)
		sims[i] = s
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, len(sims))
	for _, s := range sims {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.run(o.timeout); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return res, err
	}
	for _, s := range sims {
		res.latencies = append(res.latencies, s.latencies...)
	}
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	res.stored, _, err = db.Count(ctx)
	res.ingest = in.Stats()
	return res, err
}

// sim is one simulated kiosk: it publishes its submissions with a bounded
// window, verifies each signed ack as a real kiosk does, and records the
// time from publish to ack.
type sim struct {
	id     string
	codec  kiosk.TicketCodec
	client paho.Client
	trust  *mqtt.Trust
	n      int
	window chan struct{} // a token per submission in flight
	mu     sync.Mutex
	sent   map[string]time.Time
	acked  atomic.Int64
	done   chan struct{}

	latencies []time.Duration
}

func newSim(id string, number int, url, password string, trust *mqtt.Trust, o options) (*sim, error) {
	s := &sim{id: id, trust: trust, n: o.perKiosk, window: make(chan struct{}, o.window),
		sent: map[string]time.Time{}, done: make(chan struct{})}
	s.codec, _ = kiosk.NewTicketCodec(number, id)
	opts := paho.NewClientOptions().AddBroker(url).SetClientID(id).SetUsername(id).SetPassword(password).
		SetProtocolVersion(4).SetCleanSession(true).SetConnectTimeout(10 * time.Second).SetOrderMatters(false)
	s.client = paho.NewClient(opts)
	if tok := s.client.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("%s: connect: %v", id, tok.Error())
	}
	tok := s.client.Subscribe(mqtt.KioskTopic(id, mqtt.LeafAck), 1, s.onAck)
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("%s: subscribe: %v", id, tok.Error())
	}
	return s, nil
}

func (s *sim) onAck(_ paho.Client, m paho.Message) {
	now := time.Now()
	ack, err := s.trust.OpenAck(s.id, m.Payload())
	if err != nil {
		fmt.Fprintf(os.Stderr, "owload: %s: refused ack: %v\n", s.id, err)
		return
	}
	s.mu.Lock()
	for _, id := range ack.IDs {
		if at, ok := s.sent[id]; ok {
			s.latencies = append(s.latencies, now.Sub(at))
			delete(s.sent, id)
			<-s.window
			if s.acked.Add(1) == int64(s.n) {
				close(s.done)
			}
		}
	}
	s.mu.Unlock()
}

func (s *sim) run(timeout time.Duration) error {
	var gen kiosk.UUIDGen
	topic := mqtt.KioskTopic(s.id, mqtt.LeafUp)
	suffix := make([]byte, 4)
	for seq := 1; seq <= s.n; seq++ {
		s.window <- struct{}{}
		rand.Read(suffix)
		now := time.Now()
		sub := kiosk.Submission{ID: gen.New(now), Seq: int64(seq), Kiosk: s.id, Kind: kiosk.KindOpinion, Ticket: s.codec.Code(int64(seq)),
			CreatedAt: now, ClockSynced: true, Body: kiosk.Body{Topic: "sanitation", Phrases: []string{"garbage-piled"},
				Text: "楼下垃圾站三天没有清运 " + hex.EncodeToString(suffix), Lang: "zh", Channel: kiosk.ChannelTouch}}
		payload, err := mqtt.EncodeUp(&sub)
		if err != nil {
			return err
		}
		s.mu.Lock()
		s.sent[sub.ID] = now
		s.mu.Unlock()
		s.client.Publish(topic, 1, false, payload)
	}
	select {
	case <-s.done:
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("%s: %d of %d acked after %s", s.id, s.acked.Load(), s.n, timeout)
	}
}
