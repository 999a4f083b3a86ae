package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/internal/pgdb"
)

// copyStoreCmd is `hub copy-store`: a community's SQLite store copied
// into an empty PostgreSQL store, for a station joining a district's.
func copyStoreCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("copy-store", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory of the SQLite store (DATA/hub.db)")
	from := fl.String("from", "", "the SQLite store, if not DATA/hub.db")
	dbURL := fl.String("db", "", "the PostgreSQL store to fill (postgres://…): new, or holding no submissions")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if !pgdb.IsURL(*dbURL) {
		return errors.New("copy-store: -db postgres://… is required")
	}
	path := storePath(*data, *from)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("copy-store: %w", err)
	}
	src := hubsqlite.NewDB(path)
	if err := src.Open(); err != nil {
		return err
	}
	defer src.Close()
	dst := hubsqlite.NewDB(*dbURL)
	if err := dst.Open(); err != nil {
		return err
	}
	defer dst.Close()
	done, err := src.CopyTo(ctx, dst)
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(done))
	for t := range done {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "%-22s %d\n", t, done[t])
	}
	return nil
}
