// Package sqlitedb is the SQLite plumbing the kiosk's and the hub's stores
// share: connection settings (WAL, synchronous=FULL, busy timeout, foreign
// keys, optionally secure_delete), embedded migrations run in order,
// emptying the WAL after an erasure, and SQLite result codes.
package sqlitedb
