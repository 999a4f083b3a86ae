// Package sqlite is the kiosk's durable local store on modernc.org/sqlite
// (pure Go, no cgo): submissions and their outbox, the tickets and replies
// the hub sends back, the wall and polls snapshots, the applied
// configuration version, seen command nonces and telemetry counters. It
// implements kiosk.Outbox and kiosk.Downstream for the relay.
//
// The database runs in WAL mode with synchronous=FULL (internal/sqlitedb),
// so a transaction that has committed survives a power cut. Submit inserts
// the submission and a trigger adds its outbox row in the same transaction;
// Submit returns only after the commit. The ticket code of each submission
// comes from the kiosk's secret ticket key and a counter that never goes
// back, not even when the store is moved aside and started afresh
// (codec.go, FILE.tickets beside the database). Migrations are embedded SQL
// files (migrations/), run in order.
package sqlite
