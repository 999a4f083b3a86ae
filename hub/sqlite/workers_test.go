package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
)

func TestLoginLockout(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	if _, err := s.desk.Login(ctx, "zhang", "999999"); !errors.Is(err, hub.ErrPIN) {
		t.Errorf("wrong PIN: %v", err)
	}
	if _, err := s.desk.Login(ctx, "nobody", "246813"); !errors.Is(err, hub.ErrPIN) {
		t.Errorf("unknown worker: %v", err)
	}
	for i := 0; i < hub.MaxPINFailures; i++ {
		s.desk.Login(ctx, "wang", "000000")
	}
	if _, err := s.desk.Login(ctx, "wang", "246813"); err == nil || !strings.Contains(err.Error(), "too many") {
		t.Errorf("right PIN during lockout: %v", err)
	}
	s.now = s.now.Add(hub.PINLockout + time.Second)
	if _, err := s.desk.Login(ctx, "wang", "246813"); err != nil {
		t.Errorf("after lockout: %v", err)
	}
}

// TestLockoutSharedAndDurable: wrong PINs typed at two desks (two
// clients) on the same store add up, and the lock is still there after
// the store is closed and opened again (a restart of the service).
func TestLockoutSharedAndDurable(t *testing.T) {
	ctx := context.Background()
	path := storePath(t)
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	open := func() (*sqlite.DB, *hub.Desk, *hub.Desk) {
		db := sqlite.NewDB(path)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		at := func() time.Time { return now }
		return db, &hub.Desk{Store: db, Lockouts: db, Now: at}, &hub.Desk{Store: db, Lockouts: db, Now: at}
	}
	db, a, b := open()
	w := hub.Worker{ID: "wang", Name: "王刚", Role: hub.RoleWorker}
	w.PINHash, _ = hub.HashPIN("246813")
	if err := db.PutWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < hub.MaxPINFailures; i++ {
		d := a
		if i%2 == 1 {
			d = b
		}
		if _, err := d.Login(ctx, "wang", "000000"); !errors.Is(err, hub.ErrPIN) {
			t.Fatalf("wrong PIN %d: %v", i, err)
		}
	}
	if _, err := b.Login(ctx, "wang", "246813"); err == nil || !strings.Contains(err.Error(), "too many") {
		t.Fatalf("right PIN after %d wrong ones at two desks: %v", hub.MaxPINFailures, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, a, _ = open()
	defer db.Close()
	if _, err := a.Login(ctx, "wang", "246813"); err == nil || !strings.Contains(err.Error(), "too many") {
		t.Fatalf("right PIN after a restart: %v", err)
	}
	now = now.Add(hub.PINLockout + time.Second)
	if _, err := a.Login(ctx, "wang", "246813"); err != nil {
		t.Fatalf("after the lockout: %v", err)
	}
	if l, err := db.PINLock(ctx, "wang"); err != nil || l != (hub.PINLock{}) {
		t.Errorf("lock after a right PIN: %+v %v", l, err)
	}
}
