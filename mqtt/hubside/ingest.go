package hubside

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	"opinionwall/mqtt"
)

// Ingest is the hub side: it receives every kiosk's submissions, presence
// and telemetry, commits them in batched transactions, and only then sends
// each kiosk a signed ack of the ids committed. It keeps a persistent
// session (CleanSession=false, fixed client id), so what arrives while the
// hub restarts waits at the broker (with Shared: shared.go). Set the fields, then Open.
type Ingest struct {
	mqtt.Conn
	Store  hub.IngestStore
	Signer *mqtt.Signer
	// Shared subscribes through $share/ow-hub/ so several hubs can share
	// the work (DESIGN.md §9).
	Shared    bool
	BatchMax  int           // most submissions per transaction; default 1024
	BatchWait time.Duration // how long a batch waits to fill; default 2ms
	Log       *slog.Logger
	Now       func() time.Time
	// Quota limits the submissions taken from each kiosk (hub.Quota): over
	// it they are neither stored nor acked, and the kiosk resends them
	// later. Default: hub.DefaultQuotaPerHour.
	Quota *hub.Quota
	// OnOnline is told of each kiosk that says online live (not a
	// retained state), after the batch with it commits: the downlink sends
	// it again what it may have missed. Nil for none.
	OnOnline func(kiosk string)
	// OnLookup is given each kiosk's question about a ticket (Lookups.Offer)
	// on paho's goroutine; it must not block. Nil leaves lookups alone.
	OnLookup func(kiosk string, payload []byte)
	// OnVoice is given each chunk of a voice message's audio
	// (Voices.Offer) on paho's goroutine; it must not block. Nil leaves
	// the voice topics alone.
	OnVoice func(kiosk string, payload []byte)
	// Queue is how many messages wait for a transaction; default 4096.
	// When it is full the ingest holds the broker back instead of
	// dropping (intake.go).
	Queue int
	// Pace is what the hub's state asks of draining kiosks (pace.go).
	Pace Pace

	client  paho.Client
	epoch   atomic.Int64 // bumped each time the subscriptions are granted
	closing atomic.Bool  // Close has begun: this hub's own "lost" is not answered
	msgs    chan inMsg
	done    chan struct{} // closed by Close: a waiting Take gives up
	pacer   pacer         // its own lock: the loop retunes, commits repace
	sayMu   sync.Mutex    // one sayOnline at a time (pace.go)
	// heldSeen is Held at the last retune (loop-owned).
	heldSeen int64
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	stats    ingestStats
}

type ingestStats struct {
	received, stored, acked, rejected, dropped, failed, overQuota, held atomic.Int64
}

// IngestStats is a snapshot of the ingest's counters.
type IngestStats struct {
	Received int64 // messages received
	Stored   int64 // submissions in committed batches (resent ones included)
	Acked    int64 // ids acknowledged
	Rejected int64 // messages refused by the decoders
	Dropped  int64 // messages given up on because the ingest was closing (kiosks resend)
	// Held counts messages that waited for room in the queue, holding
	// their sender back (Take) or the hub's subscription (onMessage).
	Held   int64
	Failed int64 // batches the store could not commit (not acked; kiosks resend)
	// OverQuota counts submissions over their kiosk's quota (not acked;
	// kiosks resend).
	OverQuota int64
}

// Open connects and starts ingesting.
func (in *Ingest) Open() error {
	if in.Store == nil || in.Signer == nil {
		return fmt.Errorf("ingest: needs a store and a signer")
	}
	if in.BatchMax <= 0 {
		// Large enough that a commit's fsync, and each kiosk's signed ack,
		// is shared by many (a thousand kiosks back at once: 1,024 took
		// 15-33% more a second than 256, docs/BENCHMARKS.md); the acks go
		// out from their own goroutine while the next batch commits.
		in.BatchMax = 1024
	}
	in.BatchWait = mqtt.OrDefault(in.BatchWait, 2*time.Millisecond)
	if in.Log == nil {
		in.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if in.Now == nil {
		in.Now = time.Now
	}
	if in.Quota == nil {
		in.Quota = &hub.Quota{PerHour: hub.DefaultQuotaPerHour}
	}
	if in.ClientID == "" {
		in.ClientID = "ow-hub"
	}
	if in.Queue <= 0 {
		in.Queue = 4096
	}
	in.msgs = make(chan inMsg, in.Queue)
	in.done = make(chan struct{})
	in.pacer = newPacer(in.Pace)

	o := in.ClientOptions()
	in.sharedOptions(o)
	o.SetAutoReconnect(true)
	o.SetConnectRetry(true)
	o.SetConnectRetryInterval(time.Second)
	o.SetMaxReconnectInterval(30 * time.Second)
	lost, _ := json.Marshal(mqtt.StateMsg{V: mqtt.Version, State: mqtt.StateLost, TS: in.Now()})
	o.SetBinaryWill(mqtt.TopicHubState, lost, 1, true)
	o.SetOnConnectHandler(in.onConnect)
	o.SetConnectionLostHandler(func(_ paho.Client, err error) { in.Log.Warn("ingest: connection lost", "err", err) })
	o.SetDefaultPublishHandler(in.onMessage)
	in.client = paho.NewClient(o)
	// With ConnectRetry the token completes once connected; do not wait for it.
	in.client.Connect()

	ctx, cancel := context.WithCancel(context.Background())
	in.cancel = cancel
	in.wg.Add(1)
	go func() {
		defer in.wg.Done()
		in.run(ctx)
	}()
	return nil
}

// Close stops ingesting, commits and acknowledges the batches already
// decoded (pipeline.go), says the hub is lost, and disconnects.
func (in *Ingest) Close() error {
	if in.cancel == nil {
		return nil
	}
	in.closing.Store(true)
	close(in.done)
	in.cancel()
	in.cancel = nil
	in.wg.Wait()
	if in.client.IsConnectionOpen() {
		off, _ := json.Marshal(mqtt.StateMsg{V: mqtt.Version, State: mqtt.StateLost, TS: in.Now()})
		mqtt.WaitToken(in.client.Publish(mqtt.TopicHubState, 1, true, off), 2*time.Second, "hub state")
	}
	in.client.Disconnect(250)
	return nil
}

// Connected reports whether the ingest is connected to the broker.
func (in *Ingest) Connected() bool { return in.client != nil && in.client.IsConnectionOpen() }

// subscribed counts the connections whose subscriptions were granted: when
// it changes, the broker may have lost what was retained (a restarted
// embedded broker keeps nothing), so the downlink publishes its snapshots
// again.
func (in *Ingest) subscribed() int64 { return in.epoch.Load() }

// Stats returns the ingest's counters.
func (in *Ingest) Stats() IngestStats {
	return IngestStats{Received: in.stats.received.Load(), Stored: in.stats.stored.Load(), Acked: in.stats.acked.Load(),
		Rejected: in.stats.rejected.Load(), Dropped: in.stats.dropped.Load(), Failed: in.stats.failed.Load(),
		OverQuota: in.stats.overQuota.Load(), Held: in.stats.held.Load()}
}

func (in *Ingest) onConnect(c paho.Client) {
	prefix := ""
	if in.Shared {
		prefix = "$share/ow-hub/"
	}
	subs := map[string]byte{
		prefix + mqtt.KioskFilter(mqtt.LeafUp):    1,
		prefix + mqtt.KioskFilter(mqtt.LeafState): 1,
		prefix + mqtt.KioskFilter(mqtt.LeafTele):  0,
	}
	if in.OnLookup != nil {
		subs[prefix+mqtt.KioskFilter(mqtt.LeafLookup)] = 1
	}
	if in.OnVoice != nil {
		subs[prefix+mqtt.KioskFilter(mqtt.LeafVoice)] = 1
	}
	in.sharedSubs(c)
	go func() {
		// What the broker refused is asked for again: a clustered broker
		// refuses while it moves a lost node's work.
		if err := mqtt.SubscribeAll(c, subs, time.Second, 15*time.Second, c.IsConnectionOpen, in.Log); err != nil {
			in.Log.Error("ingest: subscribe", "err", err)
			return
		}
		// Online only once subscribed: kiosks resend on it, and what they
		// published before the subscription reached nobody. It carries
		// the pace (pace.go).
		in.sayOnline(c)
		in.epoch.Add(1)
	}()
	in.Log.Info("ingest: connected", "broker", in.Broker)
}

// decode turns a batch of messages into what one transaction commits and
// what follows it (stage one of pipeline.go).
func (in *Ingest) decode(msgs []inMsg) *decoded {
	now := in.Now()
	d := &decoded{acks: map[string][]string{}}
	b, acks := &d.b, d.acks
	for _, m := range msgs {
		k, leaf, ok := mqtt.ParseKioskTopic(m.topic)
		if !ok {
			in.reject(m.topic, fmt.Errorf("not a kiosk topic"))
			continue
		}
		switch leaf {
		case mqtt.LeafUp:
			in.takeUp(k, m, now, b, acks)
		case mqtt.LeafState:
			st, err := mqtt.DecodeState(m.payload)
			if err == nil {
				err = hub.CheckReport(st.State, st.Session, st.BootID, st.Version)
			}
			if err != nil {
				in.reject(m.topic, err)
				continue
			}
			b.Presence = append(b.Presence, hub.Presence{Kiosk: k, State: st.State, Session: st.Session, BootID: st.BootID, Version: st.Version, At: now})
			if st.State == mqtt.StateOnline && !m.retained {
				d.online = append(d.online, k)
			}
		case mqtt.LeafTele:
			t, err := mqtt.DecodeTele(k, m.payload)
			if err == nil {
				err = hub.CheckTelemetry(t.Telemetry)
			}
			if err != nil {
				in.reject(m.topic, err)
				continue
			}
			b.Telemetry = append(b.Telemetry, hub.TelemetryReport{Kiosk: k, At: now, Raw: append([]byte(nil), m.payload...)})
		default:
			in.reject(m.topic, fmt.Errorf("unexpected leaf %q", leaf))
		}
	}
	for k, ids := range acks {
		b.Acks = append(b.Acks, hub.AckRecord{Kiosk: k, IDs: len(ids), At: now})
	}
	return d
}

// commit commits a decoded batch, then hands its acks to be signed and
// sent (stage two of pipeline.go).
func (in *Ingest) commit(ctx context.Context, d *decoded, acks chan<- map[string][]string) {
	if err := in.apply(ctx, d.b); err != nil {
		in.stats.failed.Add(1)
		in.Log.Error("ingest: cannot commit; nothing acked, kiosks will resend", "err", err, "submissions", len(d.b.Submissions))
		return
	}
	in.stats.stored.Add(int64(len(d.b.Submissions)))
	if len(d.acks) > 0 {
		acks <- d.acks
	}
	in.repace(d.b.Presence)
	if in.OnOnline != nil {
		for _, k := range d.online {
			in.OnOnline(k)
		}
	}
}

// takeUp decodes an up message of kiosk k into b: submissions that pass
// the decoder and the hub's rules are stored and acked; the others are
// kept aside and acked too, so the kiosk stops resending them.
func (in *Ingest) takeUp(k string, m inMsg, now time.Time, b *hub.Batch, acks map[string][]string) {
	good, bad, err := mqtt.DecodeUp(k, m.payload)
	if err != nil {
		in.reject(m.topic, err)
		return
	}
	for _, s := range good {
		// The hub's own rules (hub.CheckFields): a refused one is
		// kept aside and acked, like those the decoder refused.
		if err := hub.CheckFields(&s.Submission); err != nil {
			raw, _ := json.Marshal(s)
			bad = append(bad, mqtt.BadSubmission{ID: s.ID, Raw: raw, Err: err})
			continue
		}
		if !in.Quota.Take(k, now) {
			if in.stats.overQuota.Add(1)%100 == 1 {
				in.Log.Warn("ingest: kiosk over its quota; not acked, it will resend", "kiosk", k, "over_quota_total", in.stats.overQuota.Load())
			}
			continue
		}
		r := hub.Received{Submission: s.Submission, RawBody: s.RawBody, ReceivedAt: now}
		if hub.CheckCreatedAt(&r) {
			in.Log.Warn("ingest: created_at out of range, replaced by the receive time", "kiosk", k, "id", s.ID, "created_at", s.CreatedAt)
		}
		b.Submissions = append(b.Submissions, r)
		acks[k] = append(acks[k], s.ID)
	}
	for _, s := range bad {
		in.reject(m.topic, s.Err)
		if s.ID != "" {
			b.Rejected = append(b.Rejected, hub.Rejected{ID: s.ID, Kiosk: k, Raw: s.Raw, Reason: s.Err.Error(), ReceivedAt: now})
			acks[k] = append(acks[k], s.ID)
		}
	}
}

// apply commits a batch, retrying a few times (a locked or briefly full
// disk), and gives up while the context lasts.
func (in *Ingest) apply(ctx context.Context, b hub.Batch) error {
	var err error
	for attempt, wait := 0, 100*time.Millisecond; attempt < 5; attempt, wait = attempt+1, wait*2 {
		if err = in.Store.Apply(ctx, b); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
	return err
}

// maxAckIDs keeps each ack message well under the kiosk's payload limit.
const maxAckIDs = 1000

func (in *Ingest) ack(kiosk string, ids []string) {
	for len(ids) > 0 {
		n := min(len(ids), maxAckIDs)
		payload, err := in.Signer.Sign(mqtt.TypeAck, mqtt.KioskTopic(kiosk, mqtt.LeafAck), mqtt.AckMsg{Kiosk: kiosk, IDs: ids[:n], TS: in.Now()})
		if err != nil {
			in.Log.Error("ingest: sign ack", "err", err)
			return
		}
		// Not waited for: a lost ack means a resend, acknowledged again.
		in.client.Publish(mqtt.KioskTopic(kiosk, mqtt.LeafAck), 1, false, payload)
		in.stats.acked.Add(int64(n))
		ids = ids[n:]
	}
}

func (in *Ingest) reject(topic string, err error) {
	in.stats.rejected.Add(1)
	in.Log.Warn("ingest: refused a message", "topic", topic, "err", err)
}
