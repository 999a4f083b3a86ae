// Package sqlite is the station's store on modernc.org/sqlite (no cgo). It
// implements hub.IngestStore for the MQTT ingest and hub.StationStore for
// the review app. WAL with synchronous=FULL: what the hub acknowledges is
// on disk. Migrations are embedded SQL files, one transaction each.
//
// The same code is the store on PostgreSQL when NewDB is given a
// postgres:// URL (a district's station, docs/OPERATIONS.md): postgres.go
// opens it through internal/pgdb (pgx; `?` placeholders; write
// transactions one at a time under an advisory lock, as SQLite's) and runs
// pgmigrations, which mirror migrations file for file (triggers in
// PL/pgSQL, the search index a tsvector of the same terms); dialect.go
// holds the few statements that differ (JSON, the search condition);
// backups are pg_dump's; leader.go says which of several hubs sharing the
// database sends the downlink. The package's tests run on both stores.
//
// What it holds, file by file:
//
//   - ingest.go, kiosk_row.go: DB.Apply stores a batch in one transaction:
//     submissions once each (by id), rejected ones kept aside, and per
//     kiosk presence, last seq, gaps, telemetry and the log of acks sent.
//     The transaction takes the write lock at BEGIN, so what it reads at
//     its start (which ids and tickets are stored, the kiosks' rows) holds
//     to its commit; rows go in by multi-row statements prepared once per
//     size (stmts.go). The WAL is checkpointed every 8,000 pages (32 MB).
//   - screen.go: the ingest's rules that need the station's records, in
//     Apply's transaction: a ticket's kiosk number (the registry of
//     RegisterKiosks), a ticket already held for another submission
//     (store_reset), votes only for open polls and their options, one per
//     visit; the flags that raise alerts.
//   - project.go: the review app's cases of new submissions, made in
//     Apply's transaction (as `hub run` does: a batch's cases in a few
//     multi-row statements), or (DB.DeferCases) queued and made by a
//     Projector beside the ingest; the Projector also makes what an older
//     hub left queued. progress.go: how many cases the inbox counts and
//     which ids are stored, for load generators and benchmarks.
//   - cases.go, inbox.go, search.go: reading cases; the inbox's page and
//     its counts under the other filters (kept in case_counts when only
//     the status, kind, class, topic or assignee is filtered: added per
//     batch by the ingest, moved by triggers when a case changes);
//     text search through an FTS5 index of the terms hub.SearchTerms makes
//     (pairs of Chinese characters, words of letters and digits).
//   - case_save.go, audit.go, tickets.go: a worker's change to a case, in
//     one transaction with its audit record and the kiosk's ticket update
//     in the ticket outbox, which the downlink drains.
//   - snapshots.go: the wall and polls snapshots, versioned.
//   - workers.go, polls.go, stats.go: the station's workers and their
//     buildings (包楼), polls and votes, and the weekly statistics.
//   - fleet.go, submissions.go: the kiosks as the fleet screen shows them,
//     and the submissions for export.
//   - backup.go: a consistent copy taken while the hub runs (0600).
//   - retention.go: the retention purge (hub.Purge): closed cases' free
//     text and contact details erased, old refused submissions deleted,
//     audited; the store overwrites what it deletes (secure_delete), and
//     the purge merges the search index and empties the WAL.
package sqlite
