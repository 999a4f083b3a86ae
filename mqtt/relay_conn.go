package mqtt

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// onConnect runs on paho's goroutine: say online, subscribe, tell the loop.
// It waits for nothing.
func (r *Relay) onConnect(c paho.Client) {
	r.stats.subscribed.Store(false)
	subs := map[string]byte{
		KioskTopic(r.Kiosk, LeafAck): 1, KioskTopic(r.Kiosk, LeafTickets): 1,
		TopicWall: 1, TopicPolls: 1, TopicHubState: 1, KioskTopic(r.Kiosk, LeafAnswer): 1,
	}
	if r.Commands != nil {
		subs[KioskTopic(r.Kiosk, LeafCmd)] = 1
	}
	if r.Config != nil {
		subs[KioskTopic(r.Kiosk, LeafConfig)] = 1
	}
	if r.Voice != nil {
		subs[KioskTopic(r.Kiosk, LeafVoiceAck)] = 1
	}
	if r.VoicePack != nil {
		subs[KioskTopic(r.Kiosk, LeafVoicePack)] = 1
		subs[TopicVoicePack] = 1
	}
	epoch := r.connEpoch.Add(1)
	go func() {
		// Online only once subscribed (or refused): the hub sends what it
		// kept for this kiosk when it says online, and a broker that lost
		// the kiosk's session (a restarted embedded broker) delivers only
		// to subscriptions it has.
		refused, err := SubscribeOnce(c, subs, 10*time.Second)
		if c.IsConnectionOpen() {
			r.sayOnline()
		}
		if err != nil {
			r.Log.Warn("relay: subscribe", "err", err)
		}
		// What was refused is asked for again on this connection: a
		// clustered broker refuses while it moves a lost node's work.
		alive := func() bool { return c.IsConnectionOpen() && r.connEpoch.Load() == epoch }
		if len(refused) > 0 && !Resubscribe(c, refused, r.MinBackoff, r.MaxBackoff, alive, r.Log) {
			return
		}
		r.stats.subscribed.Store(alive())
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

// RoundTrip measures a round trip to the broker: a subscription it must
// acknowledge.
func (r *Relay) RoundTrip(ctx context.Context) (time.Duration, error) {
	if r.client == nil || !r.client.IsConnectionOpen() {
		return 0, fmt.Errorf("not connected")
	}
	start := time.Now()
	if err := WaitToken(r.client.Subscribe(TopicHubState, 1, nil), 5*time.Second, "round trip"); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}
