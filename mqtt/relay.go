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
// when the hub's state turns online. Set the fields, the command handler
// too, then Open: nothing is read under a lock after that. Close stops it
// and says offline.
//
// One goroutine (loop) owns the connection state and the window; paho's
// callbacks only hand events over channels. The parts live in files named
// for them: relay_conn.go (connecting, presence), relay_drain.go (the
// outbox window), relay_downstream.go (acks, tickets, snapshots, the hub's
// state), relay_commands.go (commands, configuration, late results),
// relay_telemetry.go.
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
	// Voice sends voice messages' audio once the hub has their
	// submissions (relay_voice.go); nil sends none. VoiceRate paces it, in
	// bytes a second on the wire; default DefaultVoiceRate.
	Voice     kiosk.VoiceOutbox
	VoiceRate int
	// VoicePack installs the signed voice packs the station pushes (the
	// booth's own topic and the fleet's); nil leaves both alone.
	VoicePack kiosk.VoicePackInstaller
	// ConfigVersion reports the configuration version applied, for the
	// state message.
	ConfigVersion func() int64

	Window         int           // most submissions published and not yet acked; default 1024 (the hub's pace may ask fewer)
	AckTimeout     time.Duration // resend after this; default 30s
	TelemetryEvery time.Duration // default 60s
	Telemetry      func(ctx context.Context) (kiosk.Telemetry, error)
	MinBackoff     time.Duration // first reconnect delay; default 1s
	MaxBackoff     time.Duration // cap of the reconnect delay; default 15s
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
	// connEpoch counts connections: a subscription asked for again on a
	// connection since replaced gives up (relay_conn.go).
	connEpoch atomic.Int64

	// loop-owned
	connected bool
	hubState  string          // last hub state seen since connecting; "" before any
	inflight  map[string]sent // by submission id
	upload    *upload         // the recording being sent, if any
	voiceAt   time.Time       // no chunk before this (the pace, relay_voice.go)
	pace      pace            // the hub's (relay_pace.go)
	holding   bool            // no submissions published until resume fires
	holdWhy   string
	resume    *time.Timer

	stats relayStats
	asks  asks // questions to the station awaiting answers (relay_lookup.go)
	// hubGone mirrors the loop's hubState for AskTicket: the hub said it
	// is gone (its will), so a question would only wait for the timeout.
	hubGone atomic.Bool
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
	voiceChunks, voiceDelivered                                 atomic.Int64
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
	// VoiceChunks counts audio chunks published (resends included),
	// VoiceDelivered recordings the hub said it holds whole.
	VoiceChunks, VoiceDelivered int64
}

// Open starts connecting and draining in the background.
func (r *Relay) Open() error {
	if r.Outbox == nil || r.Trust == nil || !kiosk.ValidKioskID(r.Kiosk) {
		return fmt.Errorf("relay: needs an outbox, a trust list and a valid kiosk id")
	}
	r.setDefaults()
	var g kiosk.UUIDGen
	r.session = g.New(r.Now())
	r.connCh = make(chan connEvent, 16)
	r.msgs = make(chan paho.Message, 4096)
	r.notify = make(chan struct{}, 1)
	r.inflight = map[string]sent{}
	r.client = paho.NewClient(r.clientOptions())

	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.loop(ctx)
	}()
	return nil
}

func (r *Relay) setDefaults() {
	if r.Window <= 0 {
		// Deep enough that the round trip (claim, broker, hub commit, ack)
		// does not starve the pipe; a few hundred KiB of memory at most.
		r.Window = 1024
	}
	r.AckTimeout = OrDefault(r.AckTimeout, 30*time.Second)
	if r.VoiceRate <= 0 {
		r.VoiceRate = DefaultVoiceRate
	}
	r.TelemetryEvery = OrDefault(r.TelemetryEvery, time.Minute)
	r.MinBackoff = OrDefault(r.MinBackoff, time.Second)
	// 15 s: a minute-long hub outage costs at most 15 s more, and jitter
	// spreads a fleet's reconnects.
	r.MaxBackoff = OrDefault(r.MaxBackoff, 15*time.Second)
	if r.Log == nil {
		r.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.ClientID == "" {
		r.ClientID = r.Kiosk
	}
}

// clientOptions are the connection's options with the relay's will and
// callbacks; the callbacks only hand events to the loop.
func (r *Relay) clientOptions() *paho.ClientOptions {
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
	return o
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
		Connected:   r.client != nil && r.client.IsConnectionOpen(),
		Subscribed:  r.stats.subscribed.Load(),
		VoiceChunks: r.stats.voiceChunks.Load(), VoiceDelivered: r.stats.voiceDelivered.Load(),
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
				r.resendSpread(ctx, "connected")
				continue
			}
			r.stats.lost.Add(1)
			r.connected = false
			delay := jitter(backoff)
			r.Log.Warn("relay: connection lost", "err", ev.err, "retry_in", delay.Round(time.Millisecond))
			retry.Reset(delay)
			backoff = min(2*backoff, r.MaxBackoff)
		case <-r.resumeC():
			r.resumed(ctx)
		case m := <-r.msgs:
			r.handleBurst(ctx, m)
		case <-r.notify:
			r.fill(ctx)
			r.sendAudio(ctx)
		case <-tick.C:
			r.expire(ctx)
			r.fill(ctx)
			r.expireAudio(ctx)
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
