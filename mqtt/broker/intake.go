package broker

import (
	"github.com/mochi-mqtt/server/v2/packets"

	"opinionwall/mqtt"
)

// Intake takes kiosks' publishes in-process: the hub's ingest beside the
// embedded broker (hubside.Ingest satisfies it). Take is called on the
// publishing client's own goroutine before the broker sends its PUBACK, and
// blocks while the intake is full: a full ingest holds back the kiosk's
// PUBACK, then its reads and, through TCP, the kiosk itself, instead of
// acknowledging what it would drop on the way to a slow subscriber.
type Intake interface {
	// Wants reports whether a kiosk's publish on topic goes to the intake
	// instead of to the topic's subscribers.
	Wants(topic string) bool
	// Take queues a copy of the message, waiting for room; false when the
	// intake is closing, and the broker then delivers the message to the
	// topic's subscribers as it would without an intake (the hub's
	// persistent session keeps it).
	Take(kiosk, topic string, payload []byte) bool
}

// intakeBox holds the attached Intake for atomic.Pointer.
type intakeBox struct{ in Intake }

// Attach makes in take the publishes it wants from now on; nil detaches
// the intake, and the broker delivers them to subscribers again. Safe
// while the broker runs.
func (b *Broker) Attach(in Intake) {
	if in == nil {
		b.intake.Store(nil)
		return
	}
	b.intake.Store(&intakeBox{in: in})
}

// toIntake gives an allowed publish to the attached intake, if it wants
// it; true when taken (the broker then acknowledges it and delivers it to
// nobody else).
func (b *Broker) toIntake(pk packets.Packet) bool {
	box := b.intake.Load()
	if box == nil || !box.in.Wants(pk.TopicName) {
		return false
	}
	kiosk, _, ok := mqtt.ParseKioskTopic(pk.TopicName)
	if !ok || !box.in.Take(kiosk, pk.TopicName, pk.Payload) {
		return false
	}
	b.taken.Add(1)
	return true
}
