package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
)

// TestPurgeCommandAndDailyJob: on a station with 400 days of cases, `hub
// purge -dry-run` says what it would erase and changes nothing; the
// service's daily job erases it and audits it; `hub purge` then finds
// nothing left.
func TestPurgeCommandAndDailyJob(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	if err := seedCmd(ctx, []string{"-data", data, "-n", "400", "-days", "400"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	purge := func(args ...string) (int, string) {
		var b strings.Builder
		if err := purgeCmd(ctx, append([]string{"-data", data}, args...), &b); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`of (\d+) cases`).FindStringSubmatch(b.String())
		if m == nil {
			t.Fatalf("purge said %q", b.String())
		}
		n, _ := strconv.Atoi(m[1])
		return n, b.String()
	}
	due, msg := purge("-dry-run")
	if again, _ := purge("-dry-run"); due == 0 || again != due || !strings.Contains(msg, "would erase") {
		t.Fatalf("dry runs: %d then %d (%s)", due, again, msg)
	}
	db := hubsqlite.NewDB(filepath.Join(data, "hub.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	job := &retentionJob{Store: db, Days: hub.DefaultRetentionDays, First: 10 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := job.Open(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	var hist []hub.Audit
	for len(hist) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		hist, _ = db.History(ctx, hub.RetentionAuditID)
	}
	job.Close()
	if len(hist) != 2 || !strings.Contains(hist[0].Detail, "cases: "+strconv.Itoa(due)+" ") {
		t.Fatalf("the daily job's audit: %+v (due %d)", hist, due)
	}
	if n, _ := purge(); n != 0 {
		t.Errorf("after the job, hub purge erased %d more", n)
	}
	if err := (&retentionJob{Store: db, Days: 0}).Open(); err == nil {
		t.Error("a retention of 0 days started")
	}
}
