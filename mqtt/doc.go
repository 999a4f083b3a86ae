// Package mqtt will hold the v1 wire protocol of DESIGN.md §4: topics,
// payloads, the signed envelope, the kiosk's relay that drains the local
// outbox, the hub's ingest, and the embedded broker.
//
// Nothing is here yet: it is built by the relay issue. The kiosk store
// already keeps the outbox it will drain (sqlite.DB.Claim, Ack, Requeue).
package mqtt
