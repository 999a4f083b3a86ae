// Package sqlitedb is the SQLite plumbing the kiosk's and the hub's stores
// share: connection settings (WAL, synchronous=FULL, busy timeout, foreign
// keys), embedded migrations run in order, and SQLite result codes.
package sqlitedb
