// Package hub is the community station's domain: submissions received from
// the kiosks, the fleet of kiosks with their presence, sequence gaps and
// telemetry, and the station's work on each submission (its case).
//
// The rules of that work live here, not in the screens. Case.Apply is the
// pure state machine of a case (one named transition per action). Desk
// is the only way in for the review app: it checks who may do what
// (Worker.Allowed; a refusal is kiosk.EFORBIDDEN, a wrong PIN or a locked
// account kiosk.EUNAUTHORIZED), writes the audit trail, queues ticket
// updates and rebuilds the wall and polls snapshots, and every read it
// offers (Roster, Inbox, Case, EachCase, Published, Polls, Stats, Fleet)
// takes the logged-in worker and returns views shaped for their role: a
// volunteer's never carry a resident's contact details, and the
// resident's free text reaches them masked (RedactFor: Redact, and the name
// and phone the resident left wherever the text repeats them).
//
// Personal data (PIPL): Purge erases residents' free text and contact
// details RetentionDays after their case closes (PurgeDue, Anonymise) and
// deletes old refused submissions, with audit records; ExportView is a
// submission as an export carries it, contact details only for a lead
// (Worker.MayExportContacts).
// Wrong PINs lock a worker out (PINLock), kept by a LockoutStore so that
// every client of the service shares the lock and a restart keeps it. The
// review app on a desktop reaches the Desk only through the service
// (hub/deskapi).
//
// The store is described per concern: CaseStore, WorkerStore, PollStore,
// SnapshotStore, TicketOutbox, StatsStore, FleetStore and IngestStore.
// DeskStore is what the Desk needs, StationStore the whole; hub/sqlite
// implements them all.
//
// It imports only the standard library and the kiosk domain.
package hub
