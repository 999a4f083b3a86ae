// Package sqlite is the station's store on modernc.org/sqlite: submissions
// received from every kiosk (each once, by id), the fleet with presence,
// last seq, gaps and latest telemetry, and the log of acks sent. WAL with
// synchronous=FULL: what the hub acknowledges is on disk.
package sqlite
