// Package hubside is the hub's end of the v1 MQTT protocol: the Ingest
// takes every kiosk's submissions, presence and telemetry, commits them in
// batched transactions (hub.IngestStore) and only then sends each kiosk a
// signed ack of the ids committed. Its queue is bounded and waits instead
// of dropping: attached to the embedded broker (broker.Intake) it holds
// the kiosk's PUBACK back, on a subscription it stops reading (intake.go);
// its state tells kiosks the pace to drain at (pace.go). The Downlink
// sends what the station decided back down, signed: ticket updates from
// the store's outbox and the retained wall and polls snapshots; VoicePacks
// publishes the booths' voice packs a lead sends from the review app, once
// it has checked their operations signature (the booths check it again).
// They are long-lived parts: set the fields, Open, and Close to stop.
//
// Only the hub links this package; the kiosk's side is mqtt.Relay.
package hubside
