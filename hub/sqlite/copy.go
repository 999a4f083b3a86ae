package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// CopyTo copies a community's SQLite store (db, open) into an empty store
// on PostgreSQL (to, open), in one transaction: every table's rows as
// they are, submissions in the order they were received, the search
// index's terms; its numbering goes on after the copied rows. It
// returns how many rows each table got.
func (db *DB) CopyTo(ctx context.Context, to *DB) (map[string]int, error) {
	if db.sql.postgres || !to.sql.postgres {
		return nil, errors.New("copy: from a SQLite store to a PostgreSQL one")
	}
	if n, _, err := to.Count(ctx); err != nil || n > 0 {
		return nil, fmt.Errorf("copy: the PostgreSQL store is not empty (%d submissions; %v)", n, err)
	}
	tables, err := copiedTables(ctx, db.db)
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	done := map[string]int{}
	err = to.inTx(ctx, "copy", func(tx *sql.Tx) error {
		for _, t := range tables {
			// What migrations put there (the default reply templates) gives
			// way to the community's own.
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			n, err := copyTable(ctx, db.db, tx, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			done[t.name] = n
		}
		// Identity columns go on after the copied values.
		_, err := tx.ExecContext(ctx, `DO $$ DECLARE r record; BEGIN
			FOR r IN SELECT table_name, column_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT' LOOP
				EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',
					r.table_name, r.column_name, r.column_name, r.table_name);
			END LOOP; END $$`)
		return err
	})
	return done, err
}

// copiedTable is a table to copy: its columns, and the order of its rows.
type copiedTable struct {
	name, order string
	cols        []string
}

// copiedTables lists SQLite's tables but its own, the search index's
// shadow tables and the migrations' record, in the order they were
// made: case_counts after cases, so that SQLite's counts replace those
// to's triggers made as the cases went in.
func copiedTables(ctx context.Context, src *sql.DB) ([]copiedTable, error) {
	rows, err := src.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'cases_search_%'
		AND m.name NOT IN ('schema_migrations', 'search_backfill') ORDER BY m.rowid, p.cid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []copiedTable
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].name != table {
			out = append(out, copiedTable{name: table})
		}
		out[len(out)-1].cols = append(out[len(out)-1].cols, col)
	}
	for i := range out {
		switch out[i].name {
		case "cases_search":
			out[i].cols = []string{"rowid", "terms"}
		case "submissions", "rejected_submissions":
			out[i].order = " ORDER BY rowid" // receipt order, which PostgreSQL's rowid keeps
		}
	}
	return out, rows.Err()
}

// copyTable copies one table's rows, 200 to a statement.
func copyTable(ctx context.Context, src *sql.DB, tx *sql.Tx, t copiedTable) (int, error) {
	cols := strings.Join(t.cols, ", ")
	rows, err := src.QueryContext(ctx, `SELECT `+cols+` FROM `+t.name+t.order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	row := `(?` + strings.Repeat(", ?", len(t.cols)-1) + `)`
	var args []any
	n := 0
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		k := len(args) / len(t.cols)
		_, err := tx.ExecContext(ctx, `INSERT INTO `+t.name+` (`+cols+`) VALUES `+row+strings.Repeat(", "+row, k-1), args...)
		args = args[:0]
		return err
	}
	for rows.Next() {
		vals := make([]any, len(t.cols))
		ptrs := make([]any, len(t.cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		args = append(args, vals...)
		if n++; n%200 == 0 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}
