package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// sim is one simulated kiosk: it publishes its submissions, -batch to a
// message, with a bounded window, verifies each signed ack as a real kiosk does, and records the
// time from publish to ack. It never resends: every id is published once,
// so an id acked twice is the hub's doing (counted in dupAcks). Unless
// -no-pace, it follows the hub's pace as mqtt.Relay does: the window the
// hub's state signals when smaller than its own, and a start at a random
// point within the hub's spread.
type sim struct {
	id     string
	codec  kiosk.TicketCodec
	client paho.Client
	trust  *mqtt.Trust
	n      int
	batch  int // most submissions a message carries
	paced  bool
	free   chan struct{} // a place in the window may have opened
	hub    chan struct{} // closed at the hub's first state
	mu     sync.Mutex
	max    int // the window: -window, or the hub's when smaller
	limit  int
	flying int
	spread time.Duration
	sent   map[string]time.Time // published, not acked yet
	ids    []string             // every id published
	acked  atomic.Int64
	// dupAcks counts acked ids that were not in flight: acked before, or
	// never sent.
	dupAcks atomic.Int64
	done    chan struct{}

	latencies []time.Duration
}

func newSim(id string, number int, url, password string, trust *mqtt.Trust, o options) (*sim, error) {
	s := &sim{id: id, trust: trust, n: o.perKiosk, batch: max(1, o.batch), paced: !o.noPace, max: o.window, limit: o.window,
		free: make(chan struct{}, 1), hub: make(chan struct{}), sent: map[string]time.Time{}, done: make(chan struct{})}
	s.codec, _ = kiosk.NewTicketCodec(number, id)
	opts := paho.NewClientOptions().AddBroker(url).SetClientID(id).SetUsername(id).SetPassword(password).
		SetProtocolVersion(4).SetCleanSession(true).SetConnectTimeout(10 * time.Second).SetOrderMatters(false)
	s.client = paho.NewClient(opts)
	if tok := s.client.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("%s: connect: %v", id, tok.Error())
	}
	subs := map[string]byte{mqtt.KioskTopic(id, mqtt.LeafAck): 1}
	if s.paced {
		subs[mqtt.TopicHubState] = 1
	}
	tok := s.client.SubscribeMultiple(subs, s.onMessage)
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("%s: subscribe: %v", id, tok.Error())
	}
	return s, nil
}

func (s *sim) onMessage(c paho.Client, m paho.Message) {
	if m.Topic() != mqtt.TopicHubState {
		s.onAck(c, m)
		return
	}
	st, err := mqtt.DecodeState(m.Payload())
	if err != nil || st.State != mqtt.StateOnline {
		return
	}
	s.mu.Lock()
	s.limit = s.max
	if st.Window > 0 {
		s.limit = min(s.max, st.Window)
	}
	s.spread = time.Duration(st.SpreadMS) * time.Millisecond
	s.mu.Unlock()
	select {
	case <-s.hub:
	default:
		close(s.hub)
	}
	s.wake()
}

// wake tells run a place in the window may have opened.
func (s *sim) wake() {
	select {
	case s.free <- struct{}{}:
	default:
	}
}

// acquire takes up to want places in the window (at least one), waiting
// until one is free, and says how many it took: as mqtt.Relay claims what
// its window has room for.
func (s *sim) acquire(ctx context.Context, want int) (int, error) {
	for {
		s.mu.Lock()
		if s.flying < s.limit {
			n := min(want, s.limit-s.flying)
			s.flying += n
			s.mu.Unlock()
			return n, nil
		}
		s.mu.Unlock()
		select {
		case <-s.free:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// start waits, when paced, for the hub's state (at most 2 s) and then a
// random part of its spread.
func (s *sim) start(ctx context.Context) error {
	if !s.paced {
		return nil
	}
	select {
	case <-s.hub:
	case <-time.After(2 * time.Second):
	case <-ctx.Done():
		return ctx.Err()
	}
	s.mu.Lock()
	spread := s.spread
	s.mu.Unlock()
	if spread <= 0 {
		return nil
	}
	select {
	case <-time.After(mrand.N(spread)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *sim) onAck(_ paho.Client, m paho.Message) {
	now := time.Now()
	ack, err := s.trust.OpenAck(s.id, m.Payload())
	if err != nil {
		fmt.Fprintf(os.Stderr, "owload: %s: refused ack: %v\n", s.id, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ack.IDs {
		at, ok := s.sent[id]
		if !ok {
			s.dupAcks.Add(1)
			continue
		}
		s.latencies = append(s.latencies, now.Sub(at))
		delete(s.sent, id)
		s.flying--
		s.wake()
		if s.acked.Add(1) == int64(s.n) {
			close(s.done)
		}
	}
}

// run publishes the kiosk's submissions and waits for their acks until
// ctx ends; it returns ctx's error if the kiosk did not finish (blocked on
// a full window, or waiting for acks).
func (s *sim) run(ctx context.Context) error {
	var gen kiosk.UUIDGen
	topic := mqtt.KioskTopic(s.id, mqtt.LeafUp)
	suffix := make([]byte, 4)
	if err := s.start(ctx); err != nil {
		return err
	}
	for seq := 1; seq <= s.n; {
		n, err := s.acquire(ctx, min(s.batch, s.n-seq+1))
		if err != nil {
			return err
		}
		now := time.Now()
		subs := make([]*kiosk.Submission, n)
		for i := range subs {
			rand.Read(suffix)
			subs[i] = &kiosk.Submission{ID: gen.New(now), Seq: int64(seq), Kiosk: s.id, Kind: kiosk.KindOpinion, Ticket: s.codec.Code(int64(seq)),
				CreatedAt: now, ClockSynced: true, Body: kiosk.Body{Topic: "sanitation", Phrases: []string{"garbage-piled"},
					Text: "楼下垃圾站三天没有清运 " + hex.EncodeToString(suffix), Lang: "zh", Channel: kiosk.ChannelTouch}}
			seq++
		}
		payload, err := mqtt.EncodeUp(subs...)
		if err != nil {
			return err
		}
		s.mu.Lock()
		for _, sub := range subs {
			s.sent[sub.ID] = now
			s.ids = append(s.ids, sub.ID)
		}
		s.mu.Unlock()
		s.client.Publish(topic, 1, false, payload)
	}
	select {
	case <-s.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
