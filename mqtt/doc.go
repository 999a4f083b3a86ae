// Package mqtt is the v1 wire protocol of Opinion Wall (docs/PROTOCOL.md):
// topics and payloads with strict decoders, the ed25519-signed envelope for
// everything the hub sends down, the kiosk's relay that drains the local
// outbox over paho.mqtt.golang, the hub's ingest, and the embedded
// mochi-mqtt broker with per-kiosk credentials and ACLs.
package mqtt
