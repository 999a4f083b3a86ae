package mqtt_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hub"
)

// gateStore holds every Apply until its gate opens, counting those begun.
type gateStore struct {
	hub.IngestStore
	gate  chan struct{}
	begun atomic.Int32
}

func (s *gateStore) Apply(ctx context.Context, b hub.Batch) error {
	s.begun.Add(1)
	<-s.gate
	return s.IngestStore.Apply(ctx, b)
}

// TestCloseCommitsWhatWasDecoded: Close comes while one batch commits and
// more are decoded behind it. They commit and are acknowledged; none fails
// on the ended context to wait for the kiosk's resend.
func TestCloseCommitsWhatWasDecoded(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := startBenchBroker(w)
	url := "tcp://" + b.ListenAddr()
	in := w.newIngest(url)
	gs := &gateStore{IngestStore: w.hubDB, gate: make(chan struct{})}
	in.Store, in.BatchMax = gs, 8
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	b.Attach(in)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	flood(t, url, []string{"wall-01"}, 24, "路灯不亮")
	eventually(t, 10*time.Second, func() bool { return gs.begun.Load() == 1 && in.Stats().Received == 24 },
		func() string { return "the first batch is not committing with all 24 taken" })
	time.Sleep(100 * time.Millisecond) // the loop decodes the next two behind it
	closed := make(chan struct{})
	go func() {
		in.Close()
		close(closed)
	}()
	time.Sleep(100 * time.Millisecond) // Close has ended the ingest's context
	close(gs.gate)
	select {
	case <-closed:
	case <-time.After(30 * time.Second):
		t.Fatal("Close did not return")
	}
	// What was still queued, not yet decoded, when Close came is left for
	// the kiosk to resend (how much depends on how the batches formed).
	if st := in.Stats(); st.Failed != 0 || st.Stored < 1 || st.Acked != st.Stored {
		t.Errorf("after Close: %+v; want what was decoded stored and acked, no batch failed", st)
	}
}
