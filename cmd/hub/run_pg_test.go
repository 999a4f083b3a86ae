package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
)

// TestRunOnPostgreSQL runs `hub run -headless -db postgres://…` with its
// embedded broker and a kiosk relay on its real store; the submissions
// are read back with `hub export -db`, and `hub backup -db` writes a dump
// that pg_restore loads into another database exporting the same.
func TestRunOnPostgreSQL(t *testing.T) {
	pg := pgtest.Database(t)
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(dir, "passwd")
	if err := passwdCmd([]string{"-file", pw, "wall-01"}, strings.NewReader("kiosk-secret\n"), &out); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "hub")
	addr := startHeadless(t, data, pw, filepath.Join(dir, "hub.key"), "-db", pg)
	ctx := context.Background()

	var g kiosk.UUIDGen
	var subs []*kiosk.Submission
	for i := 0; i < 20; i++ {
		subs = append(subs, &kiosk.Submission{ID: g.New(time.Now()), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{Topic: "lights", Text: fmt.Sprintf("第%d号楼路灯不亮", i), Lang: "zh", Channel: kiosk.ChannelTouch}})
	}
	relayQueued(t, dir, addr, subs)
	export := func(dbURL string) string {
		t.Helper()
		var csv strings.Builder
		if err := exportCmd(ctx, []string{"-data", data, "-db", dbURL, "-format", "csv"}, nil, &csv); err != nil {
			t.Fatal(err)
		}
		return csv.String()
	}
	got := export(pg)
	if n := strings.Count(got, ",wall-01,"); n != 20 {
		t.Errorf("export has %d rows of wall-01:\n%s", n, got)
	}
	if _, err := os.Stat(filepath.Join(data, "hub.db")); err == nil {
		t.Error("hub run -db postgres://… made a SQLite store too")
	}

	dump := filepath.Join(dir, "hub.dump")
	if err := backupCmd(ctx, []string{"-data", data, "-db", pg, "-o", dump}, &out); err != nil {
		t.Fatal(err)
	}
	restored := pgtest.Database(t)
	if b, err := exec.Command("pg_restore", "--no-owner", "--exit-on-error", "--dbname="+restored, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v: %s", err, b)
	}
	if again := export(restored); again != got {
		t.Errorf("the restored backup exports differently:\n%s\nwant\n%s", again, got)
	}

	// A community's SQLite store copied into a district's PostgreSQL.
	lite := filepath.Join(dir, "lite")
	if err := seedCmd(ctx, []string{"-data", lite, "-n", "300"}, &out); err != nil {
		t.Fatal(err)
	}
	district := pgtest.Database(t)
	var copied strings.Builder
	if err := copyStoreCmd(ctx, []string{"-data", lite, "-db", district}, &copied); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(copied.String(), "submissions") {
		t.Errorf("copy-store said %q", copied.String())
	}
	var fromLite, fromPG strings.Builder
	if err := exportCmd(ctx, []string{"-data", lite, "-format", "csv"}, nil, &fromLite); err != nil {
		t.Fatal(err)
	}
	if err := exportCmd(ctx, []string{"-data", lite, "-db", district, "-format", "csv"}, nil, &fromPG); err != nil {
		t.Fatal(err)
	}
	if fromLite.String() != fromPG.String() || strings.Count(fromPG.String(), "\n") < 300 {
		t.Errorf("the copy exports %d bytes, the SQLite store %d", fromPG.Len(), fromLite.Len())
	}
	if err := copyStoreCmd(ctx, []string{"-data", lite, "-db", district}, &copied); err == nil {
		t.Error("copied into a store holding submissions")
	}
}
