package mqtt

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
)

// Relay is the kiosk side: it drains the local outbox to the hub over MQTT
// and keeps what the hub sends down. A submission is marked delivered only
// on a valid signed ack from the hub, sent after the hub's commit; anything
// unacknowledged is sent again after AckTimeout, on every reconnect, and
// when the hub's state turns online. Set the fields, then Open; Close stops
// it and says offline.
type Relay struct {
	Conn
	Kiosk      string // kiosk id: topics, and what acks must name
	Outbox     kiosk.Outbox
	Downstream kiosk.Downstream // nil: ticket updates and snapshots are not kept
	Trust      *Trust
	// Commands runs maintenance commands; nil leaves the cmd topic alone.
	Commands kiosk.CommandHandler
	// Config applies the desired configuration the hub retains for this
	// kiosk; nil leaves the config topic alone.
	Config kiosk.ConfigApplier
	// ConfigVersion reports the configuration version applied, for the
	// state message.
	ConfigVersion func() int64

	Window         int           // most submissions published and not yet acked; default 1024
	AckTimeout     time.Duration // resend after this; default 30s
	TelemetryEvery time.Duration // default 60s
	Telemetry      func(ctx context.Context) (kiosk.Telemetry, error)
	MinBackoff     time.Duration // first reconnect delay; default 1s
	MaxBackoff     time.Duration // cap of the reconnect delay; default 2m
	Version        string        // software version, in the state message
	BootID         string
	Log            *slog.Logger
	Now            func() time.Time

	client  paho.Client
	session string
	connCh  chan connEvent
	msgs    chan paho.Message
	notify  chan struct{}
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	// loop-owned
	connected bool
	hubState  string          // last hub state seen since connecting; "" before any
	inflight  map[string]sent // by submission id

	stats relayStats
}

// sent is a submission published and not yet acknowledged.
type sent struct {
	seq int64
	at  time.Time
}

type connEvent struct {
	up  bool
	err error
}

// relayStats are counters reported in telemetry.
type relayStats struct {
	published, acked, resent, rejected, dropped, connects, lost atomic.Int64
	subscribed                                                  atomic.Bool
}

// RelayStats is a snapshot of the relay's counters.
type RelayStats struct {
	Published int64 // submissions published (including resends)
	Acked     int64 // submissions marked delivered
	Resent    int64 // submissions put back for another attempt
	Rejected  int64 // downstream messages refused (bad signature, other kiosk, malformed)
	Dropped   int64 // downstream messages dropped because the relay was busy
	Connects  int64
	Lost      int64 // connections lost
	Connected bool
	// Subscribed: the broker granted this connection's subscriptions (acks,
	// tickets, snapshots and, when handled, commands and configuration).
	Subscribed bool
}

// Open starts connecting and draining in the background.
func (r *Relay) Open() error {
	if r.Outbox == nil || r.Trust == nil || !kiosk.ValidKioskID(r.Kiosk) {
		return fmt.Errorf("relay: needs an outbox, a trust list and a valid kiosk id")
	}
	if r.Window <= 0 {
		// Deep enough that the round trip (claim, broker, hub commit, ack)
		// does not starve the pipe; a few hundred KiB of memory at most.
		r.Window = 1024
	}
	r.AckTimeout = OrDefault(r.AckTimeout, 30*time.Second)
	r.TelemetryEvery = OrDefault(r.TelemetryEvery, time.Minute)
	r.MinBackoff = OrDefault(r.MinBackoff, time.Second)
	r.MaxBackoff = OrDefault(r.MaxBackoff, 2*time.Minute)
	if r.Log == nil {
		r.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.ClientID == "" {
		r.ClientID = r.Kiosk
	}
	var g kiosk.UUIDGen
	r.session = g.New(r.Now())
	r.connCh = make(chan connEvent, 16)
	r.msgs = make(chan paho.Message, 4096)
	r.notify = make(chan struct{}, 1)
	r.inflight = map[string]sent{}

	o := r.ClientOptions()
	o.SetAutoReconnect(false) // the relay reconnects itself, with backoff and jitter
	will, _ := json.Marshal(StateMsg{V: Version, State: StateLost, Session: r.session, BootID: r.BootID, Version: r.Version, TS: r.Now()})
	o.SetBinaryWill(KioskTopic(r.Kiosk, LeafState), will, 1, true)
	o.SetOnConnectHandler(r.onConnect)
	o.SetConnectionLostHandler(func(_ paho.Client, err error) {
		r.stats.subscribed.Store(false)
		r.connCh <- connEvent{err: err}
	})
	o.SetDefaultPublishHandler(r.onMessage)
	r.client = paho.NewClient(o)

	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.loop(ctx)
	}()
	return nil
}

// Close says offline (retained), disconnects cleanly so the will is not
// sent, and waits for the relay to stop.
func (r *Relay) Close() error {
	if r.cancel == nil {
		return nil
	}
	r.cancel()
	r.wg.Wait()
	if r.client.IsConnectionOpen() {
		off, _ := json.Marshal(StateMsg{V: Version, State: StateOffline, Session: r.session, BootID: r.BootID, Version: r.Version, TS: r.Now()})
		if err := WaitToken(r.client.Publish(KioskTopic(r.Kiosk, LeafState), 1, true, off), 2*time.Second, "offline"); err != nil {
			r.Log.Warn("relay: say offline", "err", err)
		}
	}
	r.client.Disconnect(250)
	return nil
}

// Notify tells the relay a submission was stored, so it need not wait for
// its next look at the outbox. It never blocks.
func (r *Relay) Notify() {
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

// Stats returns the relay's counters.
func (r *Relay) Stats() RelayStats {
	return RelayStats{
		Published: r.stats.published.Load(), Acked: r.stats.acked.Load(), Resent: r.stats.resent.Load(),
		Rejected: r.stats.rejected.Load(), Dropped: r.stats.dropped.Load(),
		Connects: r.stats.connects.Load(), Lost: r.stats.lost.Load(),
		Connected:  r.client != nil && r.client.IsConnectionOpen(),
		Subscribed: r.stats.subscribed.Load(),
	}
}

// onConnect runs on paho's goroutine: say online, subscribe, tell the loop.
// It waits for nothing.
func (r *Relay) onConnect(c paho.Client) {
	r.stats.subscribed.Store(false)
	subs := map[string]byte{
		KioskTopic(r.Kiosk, LeafAck): 1, KioskTopic(r.Kiosk, LeafTickets): 1,
		TopicWall: 1, TopicPolls: 1, TopicHubState: 1,
	}
	if r.Commands != nil {
		subs[KioskTopic(r.Kiosk, LeafCmd)] = 1
	}
	if r.Config != nil {
		subs[KioskTopic(r.Kiosk, LeafConfig)] = 1
	}
	tok := c.SubscribeMultiple(subs, nil)
	go func() {
		// Online only once subscribed (or refused): the hub sends what it
		// kept for this kiosk when it says online, and a broker that lost
		// the kiosk's session (a restarted embedded broker) delivers only
		// to subscriptions it has.
		defer func() {
			if c.IsConnectionOpen() {
				r.sayOnline()
			}
		}()
		if err := WaitToken(tok, 10*time.Second, "subscribe"); err != nil {
			r.Log.Warn("relay: subscribe", "err", err)
			return
		}
		if st, ok := tok.(*paho.SubscribeToken); ok {
			for topic, qos := range st.Result() {
				if qos == 0x80 {
					r.Log.Warn("relay: the broker refused a subscription", "topic", topic)
					return
				}
			}
		}
		r.stats.subscribed.Store(c.IsConnectionOpen())
	}()
	r.connCh <- connEvent{up: true}
}

// sayOnline publishes the retained online state with the configuration
// version applied.
func (r *Relay) sayOnline() {
	st := StateMsg{V: Version, State: StateOnline, Session: r.session, BootID: r.BootID, Version: r.Version, TS: r.Now()}
	if r.ConfigVersion != nil {
		st.ConfigVersion = r.ConfigVersion()
	}
	online, _ := json.Marshal(st)
	r.client.Publish(KioskTopic(r.Kiosk, LeafState), 1, true, online)
}

// onMessage hands a message to the loop and returns at once.
func (r *Relay) onMessage(_ paho.Client, m paho.Message) {
	select {
	case r.msgs <- m:
	default:
		// Dropping is safe: an ack not seen means a resend, which the hub
		// acknowledges again; snapshots are retained and come back.
		r.stats.dropped.Add(1)
	}
}

func (r *Relay) loop(ctx context.Context) {
	backoff := r.MinBackoff
	retry := time.NewTimer(0) // connect at once
	defer retry.Stop()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	tele := time.NewTicker(r.TelemetryEvery)
	defer tele.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-retry.C:
			if err := WaitToken(r.client.Connect(), OrDefault(r.ConnectTimeout, 10*time.Second)+time.Second, "connect"); err != nil {
				delay := jitter(backoff)
				r.Log.Warn("relay: cannot reach the broker", "broker", r.Broker, "err", err, "retry_in", delay.Round(time.Millisecond))
				retry.Reset(delay)
				backoff = min(2*backoff, r.MaxBackoff)
			}
		case ev := <-r.connCh:
			if ev.up {
				r.stats.connects.Add(1)
				r.connected, r.hubState = true, ""
				backoff = r.MinBackoff
				r.resendAll(ctx, "connected")
				continue
			}
			r.stats.lost.Add(1)
			r.connected = false
			delay := jitter(backoff)
			r.Log.Warn("relay: connection lost", "err", ev.err, "retry_in", delay.Round(time.Millisecond))
			retry.Reset(delay)
			backoff = min(2*backoff, r.MaxBackoff)
		case m := <-r.msgs:
			r.handleBurst(ctx, m)
		case <-r.notify:
			r.fill(ctx)
		case <-tick.C:
			r.expire(ctx)
			r.fill(ctx)
		case <-tele.C:
			r.sendTelemetry(ctx)
		}
	}
}

// jitter spreads a delay over [d/2, d) so that a street of kiosks that lost
// the station together do not come back in lockstep.
func jitter(d time.Duration) time.Duration {
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// resendAll puts every unacknowledged submission back and drains again.
func (r *Relay) resendAll(ctx context.Context, why string) {
	n, err := r.Outbox.Requeue(ctx, 0)
	if err != nil {
		r.Log.Warn("relay: requeue", "err", err)
	}
	r.stats.resent.Add(int64(n))
	clear(r.inflight)
	if n > 0 {
		r.Log.Info("relay: resending", "why", why, "count", n)
	}
	r.fill(ctx)
}

// fill publishes pending submissions, in seq order, until the window is full.
func (r *Relay) fill(ctx context.Context) {
	for r.connected && len(r.inflight) < r.Window {
		want := r.Window - len(r.inflight)
		batch, err := r.Outbox.Claim(ctx, want)
		if err != nil {
			r.Log.Warn("relay: claim", "err", err)
			return
		}
		r.publish(batch)
		if len(batch) < want {
			return
		}
	}
}

// publish sends claimed submissions in up messages of at most MaxUpBatch.
func (r *Relay) publish(batch []kiosk.Claimed) {
	now := r.Now()
	for start := 0; start < len(batch); start += MaxUpBatch {
		group := batch[start:min(start+MaxUpBatch, len(batch))]
		subs := make([][]byte, len(group))
		for i := range group {
			subs[i] = group[i].JSON
		}
		// Not waited for: the broker's PUBACK is not delivery, the hub's
		// ack is. A publish that fails is resent on reconnect or timeout.
		r.client.Publish(KioskTopic(r.Kiosk, LeafUp), 1, false, EncodeUpJSON(subs...))
		for _, s := range group {
			r.inflight[s.ID] = sent{seq: s.Seq, at: now}
		}
		r.stats.published.Add(int64(len(group)))
	}
}

// expire puts submissions not acknowledged within AckTimeout back.
func (r *Relay) expire(ctx context.Context) {
	cutoff := r.Now().Add(-r.AckTimeout)
	stale := 0
	for id, s := range r.inflight {
		if s.at.Before(cutoff) {
			delete(r.inflight, id)
			stale++
		}
	}
	if stale == 0 {
		return
	}
	n, err := r.Outbox.Requeue(ctx, r.AckTimeout)
	if err != nil {
		r.Log.Warn("relay: requeue", "err", err)
		return
	}
	r.stats.resent.Add(int64(n))
	r.Log.Info("relay: no ack in time, resending", "count", n, "timeout", r.AckTimeout)
}

// handleBurst handles m and whatever else has arrived meanwhile. Acks are
// verified one by one but marked in the store together, with one fill of
// the window after them: one transaction instead of one per ack message.
func (r *Relay) handleBurst(ctx context.Context, m paho.Message) {
	var acked []string
	for more := true; more; {
		if m.Topic() == KioskTopic(r.Kiosk, LeafAck) {
			ack, err := r.Trust.OpenAck(r.Kiosk, m.Payload())
			if err != nil {
				r.refused(ctx, m.Topic(), err)
			} else {
				acked = append(acked, ack.IDs...)
			}
		} else {
			r.handle(ctx, m)
		}
		if len(acked) >= 4*r.Window {
			break
		}
		select {
		case m = <-r.msgs:
		default:
			more = false
		}
	}
	if len(acked) > 0 {
		r.markAcked(ctx, acked)
	}
}

// handle acts on one downstream message other than an ack; anything not
// properly signed for this kiosk is refused and counted.
func (r *Relay) handle(ctx context.Context, m paho.Message) {
	topic, payload := m.Topic(), m.Payload()
	var err error
	switch topic {
	case KioskTopic(r.Kiosk, LeafTickets):
		err = r.handleTickets(ctx, payload)
	case TopicWall:
		err = r.handleWall(ctx, payload)
	case TopicPolls:
		err = r.handlePolls(ctx, payload)
	case KioskTopic(r.Kiosk, LeafCmd):
		r.handleCommand(ctx, payload, m.Retained())
	case KioskTopic(r.Kiosk, LeafConfig):
		err = r.handleConfig(ctx, payload)
	case TopicHubState:
		var st StateMsg
		if st, err = DecodeState(payload); err == nil {
			// The retained state arrives with every subscription; connecting
			// already resent everything. Only the hub coming back counts: a
			// change to online, or a live (not retained) online, which the
			// hub says once its subscriptions are granted: what was published
			// before that reached nobody.
			back := st.State == StateOnline && r.hubState != StateOnline && (r.hubState != "" || !m.Retained())
			r.hubState = st.State
			if back && r.connected {
				r.resendAll(ctx, "hub online")
			}
		}
	default:
		err = invalid("relay", "unexpected topic %q", topic)
	}
	if err != nil {
		r.refused(ctx, topic, err)
	}
}

func (r *Relay) refused(ctx context.Context, topic string, err error) {
	r.stats.rejected.Add(1)
	r.Log.Warn("relay: refused a message", "topic", topic, "err", err)
	if r.Downstream != nil {
		r.Downstream.AddCounter(ctx, "rejected_downstream", 1)
	}
}

// markAcked marks submissions the hub acknowledged as delivered and claims
// the next ones for the freed window in the same transaction, then
// publishes them.
func (r *Relay) markAcked(ctx context.Context, ids []string) {
	present := 0
	acked := make([]kiosk.Delivered, len(ids))
	for i, id := range ids {
		acked[i].ID = id
		if s, ok := r.inflight[id]; ok {
			acked[i].Seq = s.seq
			present++
		}
	}
	free := 0
	if r.connected {
		free = max(r.Window-(len(r.inflight)-present), 0)
	}
	n, batch, err := r.Outbox.AckAndClaim(ctx, acked, free)
	if err != nil {
		// Not marked: they stay in flight, time out, and are resent and
		// acknowledged again.
		r.Log.Warn("relay: mark acked", "err", err)
		return
	}
	for _, id := range ids {
		delete(r.inflight, id)
	}
	r.stats.acked.Add(int64(n))
	r.publish(batch)
	if len(batch) == free {
		r.fill(ctx)
	}
}

func (r *Relay) handleTickets(ctx context.Context, payload []byte) error {
	msg, err := r.Trust.OpenTickets(r.Kiosk, payload)
	if err != nil || r.Downstream == nil {
		return err
	}
	for _, u := range msg.Updates {
		if err := r.Downstream.PutTicketUpdate(ctx, u); err != nil {
			r.Log.Warn("relay: ticket update", "ticket", u.Ticket, "err", err)
		}
	}
	return nil
}

func (r *Relay) handleWall(ctx context.Context, payload []byte) error {
	w, err := r.Trust.OpenWall(payload)
	if err != nil || r.Downstream == nil {
		return err
	}
	if _, err := r.Downstream.PutWall(ctx, w); err != nil {
		r.Log.Warn("relay: wall", "err", err)
	}
	return nil
}

func (r *Relay) handlePolls(ctx context.Context, payload []byte) error {
	p, err := r.Trust.OpenPolls(payload)
	if err != nil || r.Downstream == nil {
		return err
	}
	if _, err := r.Downstream.PutPolls(ctx, p); err != nil {
		r.Log.Warn("relay: polls", "err", err)
	}
	return nil
}

// handleCommand verifies a command's signature and hands it to the
// command handler, which answers on res; each command runs on its own
// goroutine so a slow one (a screenshot) does not hold the relay up. A
// command whose signature fails is answered rejected, with the cid it
// claims.
func (r *Relay) handleCommand(ctx context.Context, payload []byte, retained bool) {
	if len(payload) == 0 {
		return // a retained command being cleared
	}
	reply := func(res kiosk.Result) {
		b, _ := json.Marshal(ResultMsg{V: Version, CID: res.CID, Status: res.Status, Detail: res.Detail, Data: res.Data})
		r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, b)
	}
	c, err := r.Trust.OpenCommand(payload)
	if err != nil {
		r.refused(ctx, KioskTopic(r.Kiosk, LeafCmd), err)
		reply(kiosk.Result{CID: claimedCID(payload), Status: kiosk.ResultRejected, Detail: err.Error()})
		return
	}
	go r.Commands.HandleCommand(ctx, c, retained, reply)
}

// handleConfig applies a signed desired configuration and answers on res
// with cid "config-vVERSION": succeeded, or rejected with the reasons.
func (r *Relay) handleConfig(ctx context.Context, payload []byte) error {
	if len(payload) == 0 {
		return nil // the retained configuration was cleared
	}
	c, err := r.Trust.OpenConfig(r.Kiosk, payload)
	if err != nil {
		return err
	}
	res := ResultMsg{V: Version, CID: fmt.Sprintf("config-v%d", c.Version), Status: ResultSucceeded}
	if err := r.Config.ApplyConfig(ctx, c.Version, c.Config); err != nil {
		if kiosk.ErrorCode(err) == kiosk.ECONFLICT {
			return nil // not newer: already applied, nothing to say
		}
		res.Status, res.Detail = ResultRejected, err.Error()
	} else {
		r.sayOnline()
	}
	b, _ := json.Marshal(res)
	r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, b)
	return nil
}

// RoundTrip measures a round trip to the broker: a subscription it must
// acknowledge.
func (r *Relay) RoundTrip(ctx context.Context) (time.Duration, error) {
	if !r.client.IsConnectionOpen() {
		return 0, fmt.Errorf("not connected")
	}
	start := time.Now()
	if err := WaitToken(r.client.Subscribe(TopicHubState, 1, nil), 5*time.Second, "round trip"); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// Report publishes a command result that comes later than the command
// (an update's, after the restart). It waits, at most a minute, to be
// connected.
func (r *Relay) Report(res kiosk.Result) error {
	for i := 0; i < 600 && !r.client.IsConnectionOpen(); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	b, _ := json.Marshal(ResultMsg{V: Version, CID: res.CID, Status: res.Status, Detail: res.Detail, Data: res.Data})
	return WaitToken(r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, b), 10*time.Second, "report")
}

// claimedCID reads the cid of a command whose signature failed, to answer
// it; "" when even that cannot be read.
func claimedCID(payload []byte) string {
	var e Envelope
	var c struct {
		CID string `json:"cid"`
	}
	if json.Unmarshal(payload, &e) == nil && json.Unmarshal(e.Payload, &c) == nil && len(c.CID) <= 64 {
		return c.CID
	}
	return ""
}

func (r *Relay) sendTelemetry(ctx context.Context) {
	if !r.connected {
		return
	}
	var t kiosk.Telemetry
	if r.Telemetry != nil {
		var err error
		if t, err = r.Telemetry(ctx); err != nil {
			r.Log.Warn("relay: telemetry", "err", err)
		}
	}
	st := r.Stats()
	if t.Counters == nil {
		t.Counters = map[string]int64{}
	}
	t.Counters["relay_published"] = st.Published
	t.Counters["relay_acked"] = st.Acked
	t.Counters["relay_resent"] = st.Resent
	t.Counters["relay_rejected"] = st.Rejected
	t.Counters["relay_dropped"] = st.Dropped
	t.Counters["relay_connects"] = st.Connects
	payload, err := json.Marshal(TeleMsg{V: Version, Kiosk: r.Kiosk, TS: r.Now(), Telemetry: t})
	if err != nil {
		return
	}
	r.client.Publish(KioskTopic(r.Kiosk, LeafTele), 0, false, payload)
}
