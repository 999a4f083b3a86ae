package sqlite

import (
	"errors"
	"fmt"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"

	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// corruptError is a quick_check that did not say "ok".
type corruptError struct{ detail string }

func (e *corruptError) Error() string { return "database is corrupt: " + e.detail }

// isCorrupt reports whether err means the file is not a sound database.
func isCorrupt(err error) bool {
	if err == nil {
		return false
	}
	var ce *corruptError
	if errors.As(err, &ce) {
		return true
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// sqliteCode returns the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int { return sqlitedb.Code(err) }

// domainError turns a storage failure into the domain's terms: the store
// cannot write now (disk full, read-only or failing media) is EUNAVAILABLE.
func domainError(op string, err error) error {
	if err == nil {
		return nil
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY:
		return kiosk.WrapError(kiosk.EUNAVAILABLE, err, "%s: the store cannot write now", op)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// isUnwritable reports whether err means the media cannot be written.
func isUnwritable(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
		return true
	}
	return false
}

// extendedCode returns the extended SQLite result code in err's chain, or 0.
func extendedCode(err error) int { return sqlitedb.ExtendedCode(err) }

// isSeqOutOfOrder reports whether an insert was refused because its seq is
// not the next one: taken already (primary key) or ahead of the counter
// (the submissions trigger).
func isSeqOutOfOrder(err error) bool {
	switch extendedCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return true
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		return strings.Contains(err.Error(), "seq out of order")
	}
	return false
}

// isDuplicateID reports whether an insert was refused because a submission
// with the same id is stored.
func isDuplicateID(err error) bool {
	return extendedCode(err) == sqlite3.SQLITE_CONSTRAINT_UNIQUE && strings.Contains(err.Error(), "submissions.id")
}

// isNoCodecTable reports a store made before ticket_codec, open for
// reading only (so not migrated): it issues nothing anyway.
func isNoCodecTable(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table: ticket_codec")
}

// IsCorrupt reports whether err says the database file is damaged or not
// a database.
func IsCorrupt(err error) bool { return isCorrupt(err) }
