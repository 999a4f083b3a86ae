package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"opinionwall/internal/pgtest"
)

// TestPostgresMirrorsSQLite: pgmigrations holds a file for each of
// migrations (same name), and after them both stores have the same tables
// with the same columns: a SQLite migration not mirrored for PostgreSQL
// (or mirrored wrong) fails here, before a store test does.
func TestPostgresMirrorsSQLite(t *testing.T) {
	names := func(fsys fs.FS, dir string) []string {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if lite, pg := names(migrationFS, "migrations"), names(pgMigrationFS, "pgmigrations"); !slices.Equal(lite, pg) {
		t.Fatalf("migrations %v\npgmigrations %v\neach SQLite migration needs its PostgreSQL twin, of the same name", lite, pg)
	}
	ctx := context.Background()
	lite := NewDB(filepath.Join(t.TempDir(), "hub.db"))
	if err := lite.Open(); err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg := NewDB(pgtest.Database(t))
	if err := pg.Open(); err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	want := columns(t, ctx, lite.db, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'cases_search_%' AND m.name NOT LIKE 'sqlite_%'`)
	// PostgreSQL's own: the rowids SQLite has without naming them, and the
	// search index's tsvector.
	got := columns(t, ctx, pg.db, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND NOT (column_name = 'rowid' AND table_name IN ('submissions', 'rejected_submissions'))
		AND NOT (table_name = 'cases_search' AND column_name = 'tsv')`)
	want["cases_search"] = append(want["cases_search"], "rowid")
	slices.Sort(want["cases_search"])
	for table, cols := range want {
		if !slices.Equal(cols, got[table]) {
			t.Errorf("%s: SQLite has %v, PostgreSQL %v", table, cols, got[table])
		}
	}
	for table := range got {
		if _, ok := want[table]; !ok {
			t.Errorf("%s: on PostgreSQL only", table)
		}
	}
}

// columns lists the (table, column) rows of q as each table's sorted columns.
func columns(t *testing.T, ctx context.Context, db *sql.DB, q string) map[string][]string {
	t.Helper()
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[strings.ToLower(table)] = append(out[strings.ToLower(table)], strings.ToLower(col))
	}
	for _, cols := range out {
		slices.Sort(cols)
	}
	return out
}
