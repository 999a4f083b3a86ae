// Package sqlite is the kiosk's durable local store on modernc.org/sqlite
// (pure Go, no cgo): submissions and their outbox, the tickets and replies
// the hub sends back, the wall and polls snapshots, the applied
// configuration version, seen command nonces and telemetry counters.
//
// The database runs in WAL mode with synchronous=FULL, so a transaction that
// has committed survives a power cut. Submit writes a submission and its
// outbox row in one transaction and returns only after the commit.
package sqlite
