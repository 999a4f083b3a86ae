package hubside

import (
	"bytes"
	"strings"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
)

// inMsg is a kiosk's message waiting for the ingest's transaction.
type inMsg struct {
	topic    string
	payload  []byte
	retained bool
}

// weight estimates how many submissions a message holds without decoding
// it: a submission is typically some 350 bytes on the wire.
func weight(m inMsg) int {
	if strings.HasSuffix(m.topic, "/"+mqtt.LeafUp) {
		return min(max(len(m.payload)/350, 1), mqtt.MaxUpBatch)
	}
	return 1
}

// Wants reports whether the ingest takes a publish on topic in-process
// when attached to the embedded broker (broker.Intake): the kiosks' up
// messages, the bulk of what they send.
func (in *Ingest) Wants(topic string) bool {
	_, leaf, ok := mqtt.ParseKioskTopic(topic)
	return ok && leaf == mqtt.LeafUp
}

// Take queues a copy of a kiosk's publish (broker.Intake). It is called on
// the kiosk's connection's goroutine before the broker acknowledges the
// publish, and waits while the queue is full, so the broker never
// acknowledges what the ingest then drops: the kiosk's PUBACK, and its
// next publishes, wait for the hub's transactions instead. False once
// Close began (the broker then delivers the message to the hub's
// persistent session, and the kiosk resends what is not acked). Attach
// the ingest only after Open.
func (in *Ingest) Take(_, topic string, payload []byte) bool {
	m := inMsg{topic: topic, payload: bytes.Clone(payload)}
	if !in.enqueue(m) {
		return false
	}
	in.stats.received.Add(1)
	return true
}

// onMessage runs on paho's goroutine for what the subscriptions bring: a
// broker the ingest is not attached to (mosquitto, or the embedded one
// before Attach). When the queue is full it waits, so paho stops reading
// and the broker keeps the messages queued for the hub's session
// (mosquitto's max_queued_messages, docs/OPERATIONS.md) rather than the
// ingest dropping what the broker acknowledged.
func (in *Ingest) onMessage(_ paho.Client, m paho.Message) {
	in.stats.received.Add(1)
	if k, leaf, ok := mqtt.ParseKioskTopic(m.Topic()); ok && leaf == mqtt.LeafLookup && in.OnLookup != nil {
		in.OnLookup(k, m.Payload())
		return
	} else if ok && leaf == mqtt.LeafVoice && in.OnVoice != nil {
		in.OnVoice(k, m.Payload())
		return
	}
	if !in.enqueue(inMsg{topic: m.Topic(), payload: m.Payload(), retained: m.Retained()}) {
		in.stats.dropped.Add(1) // closing: the kiosk resends what is not acked
	}
}

// enqueue puts m in the queue, waiting for room until Close; false when
// Close came first.
func (in *Ingest) enqueue(m inMsg) bool {
	select {
	case in.msgs <- m:
		return true
	case <-in.done:
		return false
	default:
	}
	in.stats.held.Add(1)
	select {
	case in.msgs <- m:
		return true
	case <-in.done:
		return false
	}
}
