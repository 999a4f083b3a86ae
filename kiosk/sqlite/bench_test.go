package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/kiosk/sqlite"
)

// BenchmarkSubmit is the durable path: seq, submission row, outbox row, one
// transaction, synchronous=FULL. Compare with BenchmarkBareInsert from the
// same run (docs/BENCHMARKS.md).
func BenchmarkSubmit(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b, "", nil)
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if err := db.Submit(ctx, newSubmission(now, "楼下垃圾三天没有清运，味道很大")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubmitKeyed is BenchmarkSubmit with a ticket key (codes by
// HMAC rounds) over a store that issued legacy codes before, so each code
// is also checked against the legacy ones.
func BenchmarkSubmitKeyed(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "kiosk.db")
	db := MustOpenDB(b, path, nil)
	now := time.Now()
	for range 10 {
		if err := db.Submit(ctx, newSubmission(now, "旧的意见")); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()
	db = sqlite.NewDB(path)
	db.Tickets, db.TicketKey = mustCodec(b), testKey
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	for b.Loop() {
		if err := db.Submit(ctx, newSubmission(now, "楼下垃圾三天没有清运，味道很大")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareInsert is the floor: one autocommitted single-row INSERT of
// the same JSON body into a one-table database with the same settings (WAL,
// synchronous=FULL, busy timeout, foreign keys).
func BenchmarkBareInsert(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bare.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(4)
	if _, err := raw.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		body, _ := json.Marshal(newSubmission(now, "楼下垃圾三天没有清运，味道很大").Body)
		if _, err := raw.Exec(`INSERT INTO t (body) VALUES (?)`, body); err != nil {
			b.Fatal(err)
		}
	}
}
