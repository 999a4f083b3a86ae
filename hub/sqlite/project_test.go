package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
)

// TestDeferredCases: with DeferCases the ingest's transaction only queues
// the submissions; the projector makes their cases (once each, searchable).
func TestDeferredCases(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.DeferCases = true
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	var batch []hub.Received
	for i := int64(1); i <= 300; i++ {
		batch = append(batch, opinion("wall-01", i, at, "sanitation", "", fmt.Sprintf("楼道灯坏了 %d", i)))
	}
	if err := db.Apply(ctx, hub.Batch{Submissions: batch}); err != nil {
		t.Fatal(err)
	}
	if in, _ := db.Inbox(ctx, hub.Filter{}); in.Total != 0 {
		t.Fatalf("%d cases made in the ingest's transaction", in.Total)
	}
	n, err := db.ProjectQueued(ctx, 256)
	if err != nil || n != 256 {
		t.Fatalf("projected %d, %v", n, err)
	}
	// A resend changes nothing; the projector makes the rest.
	if err := db.Apply(ctx, hub.Batch{Submissions: batch[:10]}); err != nil {
		t.Fatal(err)
	}
	p := &sqlite.Projector{DB: db, OnError: func(err error) { t.Error(err) }}
	if err := p.Open(); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var made int
	waitFor(t, 10*time.Second, func() bool {
		in, err := db.Inbox(ctx, hub.Filter{Search: "灯坏"})
		if err != nil {
			t.Fatal(err)
		}
		made = in.Total
		return made == 300
	}, func() string { return fmt.Sprintf("%d of 300 cases", made) })
	if n, _ := db.ProjectQueued(ctx, 256); n != 0 {
		t.Errorf("%d left in the queue", n)
	}
}
