package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// fillUntilUnavailable submits until the store refuses, and returns the
// submissions that were accepted.
func fillUntilUnavailable(t *testing.T, db *sqlite.DB, clk *clock) []*kiosk.Submission {
	t.Helper()
	ctx := context.Background()
	var ok []*kiosk.Submission
	for i := 0; i < 100000; i++ {
		s := newSubmission(clk.Now(), strings.Repeat("满", 300))
		err := db.Submit(ctx, s)
		if err == nil {
			ok = append(ok, s)
			continue
		}
		if got := kiosk.ErrorCode(err); got != kiosk.EUNAVAILABLE {
			t.Fatalf("submit on a full store: code %q (%v), want unavailable", got, err)
		}
		if s.Seq != 0 || s.Ticket != "" {
			t.Fatalf("refused submission was given seq %d ticket %q", s.Seq, s.Ticket)
		}
		return ok
	}
	t.Fatal("store never filled up")
	return nil
}

func checkAllPresent(t *testing.T, db *sqlite.DB, subs []*kiosk.Submission) {
	t.Helper()
	ctx := context.Background()
	for _, s := range subs {
		got, err := db.Submission(ctx, s.Seq)
		if err != nil {
			t.Fatalf("seq %d lost: %v", s.Seq, err)
		}
		if got.ID != s.ID || got.Body.Text != s.Body.Text {
			t.Fatalf("seq %d changed: %s", s.Seq, got.ID)
		}
	}
	st, err := db.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pending+st.Inflight+st.Acked != len(subs) {
		t.Fatalf("outbox has %d rows for %d submissions", st.Pending+st.Inflight+st.Acked, len(subs))
	}
}

func TestDiskFullMaxPages(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, db.Now, db.MaxPages = mustCodec(t), clk.Now, 64
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ok := fillUntilUnavailable(t, db, clk)
	if len(ok) == 0 {
		t.Fatal("nothing fit")
	}
	// Refused again: the process keeps running, nothing stored is lost.
	if err := db.Submit(ctx, newSubmission(clk.Now(), strings.Repeat("满", 300))); kiosk.ErrorCode(err) != kiosk.EUNAVAILABLE {
		t.Fatalf("second submit on full store: %v", err)
	}
	checkAllPresent(t, db, ok)
	st, _ := db.Status(ctx)
	if st.Unavailable != 2 {
		t.Errorf("unavailable counter = %d, want 2", st.Unavailable)
	}
	if msg := kiosk.PlainMessage(db.Submit(ctx, newSubmission(clk.Now(), strings.Repeat("满", 300))), "zh"); !strings.Contains(msg, "暂时不能") {
		t.Errorf("a resident would read %q", msg)
	}
	// Reading and acking still work on a full store.
	if _, err := db.Claim(ctx, 10); err != nil {
		t.Errorf("claim on a full store: %v", err)
	}
}

// TestDiskFullTmpfs fills a real, tiny filesystem. It needs root to mount
// a tmpfs and is skipped otherwise.
func TestDiskFullTmpfs(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	ctx := context.Background()
	clk := newClock()
	// Something else on the card takes space too; removing it later frees room.
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, make([]byte, 2<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "kiosk.db")
	db := MustOpenDB(t, path, clk)
	ok := fillUntilUnavailable(t, db, clk)
	if len(ok) < 10 {
		t.Fatalf("only %d submissions fit", len(ok))
	}
	t.Logf("%d submissions fit before the filesystem was full", len(ok))
	checkAllPresent(t, db, ok)

	// Reboot with the card still full: the store opens and still has everything.
	db.Close()
	db2 := MustOpenDB(t, path, clk)
	checkAllPresent(t, db2, ok)

	// Space comes back: submissions are taken again.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	s := newSubmission(clk.Now(), "有空间了")
	if err := db2.Submit(ctx, s); err != nil {
		t.Fatalf("submit after space was freed: %v", err)
	}
	checkAllPresent(t, db2, append(ok, s))
}

// TestReadOnlyMedia opens a store whose card has gone read-only (a bind
// mount remounted read-only; needs root): it still reads everything, and
// Submit says unavailable instead of failing the process.
func TestReadOnlyMedia(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("bind mounts need root")
	}
	ctx := context.Background()
	dir, ro := t.TempDir(), t.TempDir()
	clk := newClock()
	db := MustOpenDB(t, filepath.Join(dir, "kiosk.db"), clk)
	var subs []*kiosk.Submission
	for i := 0; i < 5; i++ {
		s := newSubmission(clk.Now(), "只读之前")
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		subs = append(subs, s)
	}
	for _, tc := range []struct {
		name  string
		close bool
	}{{"while the writer is open", false}, {"after a clean shutdown", true}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.close {
				db.Close()
			}
			if err := syscall.Mount(dir, ro, "", syscall.MS_BIND, ""); err != nil {
				t.Skipf("bind mount: %v", err)
			}
			defer syscall.Unmount(ro, syscall.MNT_DETACH)
			if err := syscall.Mount(dir, ro, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
				t.Skipf("remount read-only: %v", err)
			}
			rodb := sqlite.NewDB(filepath.Join(ro, "kiosk.db"))
			rodb.Tickets, rodb.Now = mustCodec(t), clk.Now
			if err := rodb.Open(); err != nil {
				t.Fatalf("open on read-only media: %v", err)
			}
			defer rodb.Close()
			err := rodb.Submit(ctx, newSubmission(clk.Now(), "只读"))
			if kiosk.ErrorCode(err) != kiosk.EUNAVAILABLE {
				t.Fatalf("submit on read-only media: %v", err)
			}
			checkAllPresent(t, rodb, subs)
			if tc.close && rodb.ReadOnlyReason() == "" {
				t.Error("the store does not say why it is read-only")
			}
		})
	}
}
