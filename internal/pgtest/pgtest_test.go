package pgtest

import (
	"context"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	StopShared()
	os.Exit(code)
}

func TestServer(t *testing.T) {
	u := Database(t)
	db, err := Open(u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT ? || current_user`, "hi ").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "hi postgres" {
		t.Fatalf("got %q", got)
	}
}
