package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
)

// stmt returns the statement q prepared once for the store (and by
// database/sql once per connection), for the ingest's multi-row
// statements: parsing one of 128 rows cost as much as a fifth of inserting
// them. The sizes are few (chunkSizes), so the cache stays small.
func (db *DB) stmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	db.stmtsMu.Lock()
	s, ok := db.stmts[q]
	if !ok {
		var err error
		if s, err = db.db.PrepareContext(ctx, q); err != nil {
			db.stmtsMu.Unlock()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		if db.stmts == nil {
			db.stmts = map[string]*sql.Stmt{}
		}
		db.stmts[q] = s
	}
	db.stmtsMu.Unlock()
	return tx.StmtContext(ctx, s), nil
}

// closeStmts closes the statements stmt prepared.
func (db *DB) closeStmts() {
	db.stmtsMu.Lock()
	defer db.stmtsMu.Unlock()
	for q, s := range db.stmts {
		s.Close()
		delete(db.stmts, q)
	}
}

// chunkSizes splits n rows into statements of max rows (a power of two),
// then the rest into powers of two, largest first: 250 in 128s is 128,
// 64, 32, 16, 8, 2. A statement of each size is prepared once (stmt).
func chunkSizes(n, max int) []int {
	var out []int
	for ; n >= max; n -= max {
		out = append(out, max)
	}
	for n > 0 {
		p := 1 << (bits.Len(uint(n)) - 1)
		out = append(out, p)
		n -= p
	}
	return out
}
