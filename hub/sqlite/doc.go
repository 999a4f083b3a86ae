// Package sqlite will be the station's store (submissions, kiosks, acks,
// triage, replies) on modernc.org/sqlite, behind the hub's interfaces so
// that PostgreSQL can replace it (DESIGN.md §9). Built by the relay issue.
package sqlite
