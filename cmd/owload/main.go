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

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
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
	ids := make([]string, o.kiosks)
	for i := range ids {
		ids[i] = fmt.Sprintf("load-%03d", i)
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := &loadHub{Dir: dir, Kiosks: ids, Signer: mqtt.NewSigner(priv)}
	err = h.Open()
	defer h.Close()
	if err != nil {
		return res, err
	}
	// Connect every kiosk first, then let them all go at once.
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	sims := make([]*sim, o.kiosks)
	for i, id := range ids {
		s, err := newSim(id, 10+i%90, h.URL(), password(id), trust, o)
		if err != nil {
			return res, err
		}
		defer s.client.Disconnect(50)
		sims[i] = s
	}
	start := time.Now()
	if err := runSims(sims, o.timeout); err != nil {
		return res, err
	}
	res.elapsed = time.Since(start)
	for _, s := range sims {
		res.latencies = append(res.latencies, s.latencies...)
	}
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	res.stored, _, err = h.db.Count(ctx)
	res.ingest = h.ingest.Stats()
	return res, err
}

// runSims runs every kiosk at once and returns the first error.
func runSims(sims []*sim, timeout time.Duration) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(sims))
	for _, s := range sims {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.run(timeout); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func password(user string) string { return "load-" + user }

// loadHub is the hub under load, as `hub run` has it: the embedded broker
// on a loopback port, the store with the projector beside it, the ingest.
// Open opens the parts in order; Close closes what was opened, in reverse.
type loadHub struct {
	Dir    string
	Kiosks []string
	Signer *mqtt.Signer

	broker *broker.Broker
	db     *hubsqlite.DB
	ingest *hubside.Ingest
	parts  []part // opened so far
}

// part is a long-lived piece of the hub.
type part interface {
	Open() error
	Close() error
}

func (h *loadHub) open(p part) error {
	if err := p.Open(); err != nil {
		return err
	}
	h.parts = append(h.parts, p)
	return nil
}

// URL is where the kiosks connect.
func (h *loadHub) URL() string { return "tcp://" + h.broker.ListenAddr() }

// Open starts the hub and waits for the ingest to connect.
func (h *loadHub) Open() error {
	creds := &mqtt.Credentials{}
	for _, u := range append([]string{mqtt.UserHub}, h.Kiosks...) {
		if err := creds.Set(u, password(u)); err != nil {
			return err
		}
	}
	h.broker = &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := h.open(h.broker); err != nil {
		return err
	}
	h.db = hubsqlite.NewDB(filepath.Join(h.Dir, "hub.db"))
	h.db.DeferCases = true // as `hub run`: the review app's cases are made beside the ingest
	h.ingest = &hubside.Ingest{Conn: mqtt.Conn{Broker: h.URL(), Username: mqtt.UserHub, Password: password(mqtt.UserHub)},
		Store: h.db, Signer: h.Signer,
		// Throughput, not the per-kiosk quota, is measured here.
		Quota: &hub.Quota{PerHour: 1 << 30}}
	for _, p := range []part{h.db, &hubsqlite.Projector{DB: h.db}, h.ingest} {
		if err := h.open(p); err != nil {
			return err
		}
	}
	for deadline := time.Now().Add(10 * time.Second); !h.ingest.Connected(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return fmt.Errorf("ingest did not connect")
		}
	}
	return nil
}

// Close stops the hub and returns the first error.
func (h *loadHub) Close() error {
	var first error
	for i := len(h.parts) - 1; i >= 0; i-- {
		if err := h.parts[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	h.parts = nil
	return first
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
