package sqlite

import (
	"errors"
	"fmt"

	"opinionwall/kiosk"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
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
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

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

// extendedCode returns the extended SQLite result code in err's chain, or 0.
func extendedCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY conflict.
func isUniqueViolation(err error) bool {
	switch extendedCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return true
	}
	return false
}
