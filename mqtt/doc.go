// Package mqtt is the v1 wire protocol of Opinion Wall (docs/PROTOCOL.md)
// and the kiosk's side of it: topics and payloads with strict decoders;
// the ed25519-signed envelope for everything the hub sends down (Signer
// signs, Trust verifies); the broker users, their credentials file and ACL
// rules (also as a mosquitto acl_file and as nats-server's users.conf for a
// district's cluster); subscriptions asked for again when a broker refuses
// them (SubscribeAll, Resubscribe); Relay, which drains a kiosk's local outbox to the hub over
// paho.mqtt.golang and keeps what the hub sends down; and Ops, the
// maintainer's client (fleet presence, signed commands, configuration).
//
// The hub's side is in mqtt/hubside (ingest, downlink) and the embedded
// mochi-mqtt broker in mqtt/broker; both build on this package, which
// imports neither, so the kiosk links no broker.
package mqtt
