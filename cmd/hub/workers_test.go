package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
)

// TestWorkerPIN: `hub worker add` refuses a PIN under 6 digits and says
// so; `hub worker pin` gives a locked-out worker a new PIN and lifts the
// lock.
func TestWorkerPIN(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "hub")
	var out strings.Builder
	err := workerCmd(ctx, []string{"add", "-data", data, "-id", "wang", "-name", "王刚", "-role", "worker"}, strings.NewReader("24680\n"), &out)
	if err == nil || !strings.Contains(err.Error(), "6 to 12 digits") {
		t.Fatalf("a 5-digit PIN: %v", err)
	}
	if err := workerCmd(ctx, []string{"add", "-data", data, "-id", "wang", "-name", "王刚", "-role", "worker"}, strings.NewReader("246813\n"), &out); err != nil {
		t.Fatal(err)
	}
	db, err := openStore(data, "")
	if err != nil {
		t.Fatal(err)
	}
	d := &hub.Desk{Store: db, Lockouts: db, Now: time.Now}
	for range hub.MaxPINFailures {
		d.Login(ctx, "wang", "000000")
	}
	if _, err := d.Login(ctx, "wang", "246813"); err == nil {
		t.Fatal("not locked")
	}
	db.Close()
	if err := workerCmd(ctx, []string{"pin", "-data", data, "-id", "wang"}, strings.NewReader("1357\n"), &out); err == nil || !strings.Contains(err.Error(), "6 to 12 digits") {
		t.Fatalf("a 4-digit new PIN: %v", err)
	}
	if err := workerCmd(ctx, []string{"pin", "-data", data, "-id", "nobody"}, strings.NewReader("135792\n"), &out); err == nil {
		t.Fatal("a PIN for no worker")
	}
	if err := workerCmd(ctx, []string{"pin", "-data", data, "-id", "wang"}, strings.NewReader("135792\n"), &out); err != nil {
		t.Fatal(err)
	}
	db, err = openStore(data, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d = &hub.Desk{Store: db, Lockouts: db, Now: time.Now}
	if _, err := d.Login(ctx, "wang", "135792"); err != nil {
		t.Errorf("the new PIN: %v", err)
	}
}
