package hubside_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// countingStore counts the downlink's reads; it has nothing to send.
type countingStore struct{ reads atomic.Int64 }

func (s *countingStore) PendingTickets(context.Context, int) ([]hub.OutgoingTicket, error) {
	s.reads.Add(1)
	return nil, nil
}

func (s *countingStore) MarkTicketsSent(context.Context, []int64, time.Time) error { return nil }

func (s *countingStore) Snapshot(context.Context, string) (int64, json.RawMessage, error) {
	s.reads.Add(1)
	return 0, nil, nil
}

func (s *countingStore) ResendTickets(context.Context, string, time.Time) (int, error) {
	s.reads.Add(1)
	return 0, nil
}

// TestDownlinkLifecycle: Wake and KioskOnline work before Open; while the
// ingest is not connected no round reads the store; Close stops the loop
// and may be called twice.
func TestDownlinkLifecycle(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	store := &countingStore{}
	d := &hubside.Downlink{Ingest: &hubside.Ingest{}, Store: store, Signer: mqtt.NewSigner(priv), Interval: time.Millisecond}
	d.Wake()
	d.Wake() // a second wake before any round does not block
	d.KioskOnline("wall-01")
	if err := d.Open(); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		d.Wake()
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second close: %v", err)
	}
	if n := store.reads.Load(); n != 0 {
		t.Errorf("%d store reads without a connection", n)
	}
}

// TestDownlinkOpenNeedsItsParts: Open refuses a downlink that could not send.
func TestDownlinkOpenNeedsItsParts(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer := mqtt.NewSigner(priv)
	for _, c := range []struct {
		name string
		d    *hubside.Downlink
	}{
		{"no ingest", &hubside.Downlink{Store: &countingStore{}, Signer: signer}},
		{"no store", &hubside.Downlink{Ingest: &hubside.Ingest{}, Signer: signer}},
		{"no signer", &hubside.Downlink{Ingest: &hubside.Ingest{}, Store: &countingStore{}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.d.Open(); err == nil {
				c.d.Close()
				t.Error("opened")
			}
		})
	}
}

// TestLookupsOpenNeedsItsParts: Open refuses lookups that could not answer;
// Close before Open and twice is harmless.
func TestLookupsOpenNeedsItsParts(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	if err := (&hubside.Lookups{Ingest: &hubside.Ingest{}, Signer: mqtt.NewSigner(priv)}).Open(); err == nil {
		t.Error("opened without a store")
	}
	l := &hubside.Lookups{}
	if err := l.Close(); err != nil {
		t.Error(err)
	}
}
