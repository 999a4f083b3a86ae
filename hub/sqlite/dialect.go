package sqlite

import (
	"strings"
)

// dialect holds the few statements that differ between SQLite and
// PostgreSQL; everything else is the same SQL on both (internal/pgdb turns
// `?` into `$n` for PostgreSQL).
type dialect struct {
	postgres bool
	// contact is the JSON of a submission's contact details (s.body), and
	// hasContact is true when it is an object.
	contact, hasContact string
	// personal is true when a submission (s.body) still holds free text or
	// contact details; anonymised is its body without them.
	personal, anonymised string
	// street is the street the resident gave (s.body).
	street string
	// later is the later of two times: later(a, b).
	later string
	// search is the condition on a case's n for a text search's argument.
	search string
	// workByBuilding names the index for the open cases of a building
	// (SQLite's INDEXED BY; PostgreSQL's planner is left to choose).
	workByBuilding string
	// unindexed writes a column so that no index of it is used (SQLite's
	// unary +; PostgreSQL has no such hint).
	unindexed string
	// insertOrFail begins the ingest's multi-row inserts: SQLite's OR FAIL
	// keeps no statement journal (a failure rolls the whole batch back
	// anyway); PostgreSQL has no such clause.
	insertOrFail string
	// queueFirst joins a short table to a long one in that order (SQLite's
	// CROSS JOIN fixes the order; PostgreSQL's planner chooses).
	queueFirst string
}

var sqliteDialect = dialect{
	contact:    `json_extract(body, '$.contact')`,
	hasContact: `json_type(body, '$.contact') = 'object'`,
	personal:   `(json_type(s.body, '$.text') IS NOT NULL OR json_type(s.body, '$.contact') IS NOT NULL)`,
	anonymised: `json_remove(body, '$.text', '$.contact')`, // keeps the fields a newer kiosk added
	street:     `json_extract(s.body, '$.location.street')`,
	later:      `max`,
	search:     `n IN (SELECT rowid FROM cases_search WHERE cases_search MATCH ?)`,

	workByBuilding: ` INDEXED BY cases_work_by_building`,
	unindexed:      `+`,
	insertOrFail:   `INSERT OR FAIL`,
	queueFirst:     `CROSS JOIN`,
}

var postgresDialect = dialect{
	postgres:   true,
	contact:    `(body::jsonb -> 'contact')::text`,
	hasContact: `jsonb_typeof(body::jsonb -> 'contact') = 'object'`,
	personal:   `(s.body::jsonb -> 'text' IS NOT NULL OR s.body::jsonb -> 'contact' IS NOT NULL)`,
	anonymised: `(body::jsonb - 'text' - 'contact')::text`,
	street:     `s.body::jsonb #>> '{location,street}'`,
	later:      `greatest`,
	search:     `n IN (SELECT rowid FROM cases_search WHERE tsv @@ ?::tsquery)`,

	insertOrFail: `INSERT`,
	queueFirst:   `JOIN`,
}

// searchArg is the argument of the search condition for hub.SearchQuery's
// query q (FTS5's syntax: "pair pair …" phrases and "word"* prefixes, all
// ANDed): the same query as a tsquery on PostgreSQL.
func (d dialect) searchArg(q string) string {
	if !d.postgres {
		return q
	}
	var parts []string
	for _, p := range strings.Split(q, " AND ") {
		prefix := strings.HasSuffix(p, "*")
		words := strings.Fields(strings.Trim(strings.TrimSuffix(p, "*"), `"`))
		for i, w := range words {
			words[i] = "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w) + "'"
		}
		t := strings.Join(words, " <-> ")
		if prefix {
			t += ":*"
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " & ")
}
