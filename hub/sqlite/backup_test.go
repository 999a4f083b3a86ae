package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hub"
)

// TestBackupWhileWriting takes backups while another goroutine keeps
// committing batches: every backup opens, passes integrity_check and holds
// at least what was committed before it started.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	var committed atomic.Int64
	stop := make(chan struct{})
	enough := make(chan struct{}) // closed once 200 are committed, or the writer gave up
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if committed.Load() < 200 {
				close(enough)
			}
		}()
		for seq := int64(1); ; seq += 10 {
			select {
			case <-stop:
				return
			default:
			}
			var b hub.Batch
			for i := range int64(10) {
				b.Submissions = append(b.Submissions, received("wall-01", seq+i, t0))
			}
			if err := db.Apply(ctx, b); err != nil {
				t.Error(err)
				return
			}
			if committed.Add(10) == 200 {
				close(enough)
			}
		}
	}()
	<-enough
	if committed.Load() < 200 {
		t.FailNow() // the writer reported why
	}
	dest := filepath.Join(t.TempDir(), "hub-backup.db")
	for i := range 3 {
		before := committed.Load()
		if err := db.Backup(ctx, dest); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("backup %d: mode %v (%v); a backup holds every contact: 0600", i, st.Mode().Perm(), err)
		}
		copyDB, err := openBackup(t, dest)
		if err != nil {
			t.Fatalf("backup %d does not open: %v", i, err)
		}
		rows, distinct, err := copyDB.Count(ctx)
		copyDB.Close()
		if err != nil || rows < before || rows != distinct {
			t.Fatalf("backup %d: %d rows (%d distinct), %d committed before it began: %v", i, rows, distinct, before, err)
		}
	}
	close(stop)
	wg.Wait()
	if _, err := os.Stat(dest + ".part"); !os.IsNotExist(err) {
		t.Errorf("a partial backup was left behind: %v", err)
	}
}

func TestBackupRefusals(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if err := db.Backup(ctx, db.Path); err == nil {
		t.Fatal("backed up over the store itself")
	}
	missing := filepath.Join(t.TempDir(), "no-such-dir", "b.db")
	if err := db.Backup(ctx, missing); err == nil {
		t.Fatal("backup into a missing directory succeeded")
	}
	// A backup that cannot be written fails and keeps the previous one.
	dest := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(dest)
	os.MkdirAll(filepath.Join(dest+".part", "x"), 0o700) // in the way of the copy
	if err := db.Backup(ctx, dest); err == nil {
		t.Fatal("backup succeeded with its copy's path taken by a directory")
	}
	if now, _ := os.ReadFile(dest); string(now) != string(old) {
		t.Fatal("a failed backup changed the previous one")
	}
}
