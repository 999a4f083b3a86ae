package main

import (
	"flag"
	"path/filepath"
)

// dbUsage says what -db chooses.
const dbUsage = "the station's store: DATA/hub.db (SQLite) when empty, or a PostgreSQL database " +
	"(postgres://user@host/db, or postgres:///db?host=/run/postgresql over a unix socket; the password from " +
	"PGPASSWORD or ~/.pgpass) for a district: docs/OPERATIONS.md"

// storeFlag adds -db to a command's flags.
func storeFlag(fl *flag.FlagSet) *string { return fl.String("db", "", dbUsage) }

// storePath is the store hubsqlite.NewDB opens: dbURL, or hub.db in data.
func storePath(data, dbURL string) string {
	if dbURL != "" {
		return dbURL
	}
	return filepath.Join(data, "hub.db")
}
