package main

import (
	"fmt"
	"path/filepath"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

func password(user string) string { return "load-" + user }

// loadHub is the hub under load, as `hub run` has it: the embedded broker
// on a loopback port, the store (cases made in the ingest's transactions)
// with the projector beside it, the ingest.
// Open opens the parts in order; Close closes what was opened, in reverse.
type loadHub struct {
	Dir    string
	Kiosks []string
	Signer *mqtt.Signer
	// DeferCases queues the cases for the projector instead of making
	// them in the ingest's transaction (the alternative measured).
	DeferCases bool
	// Subscribed leaves the ingest on its subscription instead of
	// attaching it to the broker (the path before the intake).
	Subscribed bool

	broker *broker.Broker
	db     *hubsqlite.DB
	ingest *hubside.Ingest
	parts  []part // opened so far
}

// part is a long-lived piece of the hub.
type part interface {
	Open() error
	Close() error
}

func (h *loadHub) open(p part) error {
	if err := p.Open(); err != nil {
		return err
	}
	h.parts = append(h.parts, p)
	return nil
}

// URL is where the kiosks connect.
func (h *loadHub) URL() string { return "tcp://" + h.broker.ListenAddr() }

// Open starts the hub and waits for the ingest to connect.
func (h *loadHub) Open() error {
	creds := &mqtt.Credentials{}
	for _, u := range append([]string{mqtt.UserHub}, h.Kiosks...) {
		if err := creds.Set(u, password(u)); err != nil {
			return err
		}
	}
	// Without the kiosks' rate limit (a kiosk sends at most 10 messages a
	// second after a burst of 100: the hub's capacity is measured here, and
	// dropped messages would only be resent) and with room for every kiosk.
	l := broker.DefaultLimits()
	l.Kiosk = broker.Rate{Msgs: 1e9, MsgBurst: 1e9, Bytes: 1e12, ByteBurst: 1e12}
	l.MaxClients, l.MaxConns = max(l.MaxClients, int64(len(h.Kiosks))+16), max(l.MaxConns, len(h.Kiosks)+16)
	h.broker = &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds, Limits: l}
	if err := h.open(h.broker); err != nil {
		return err
	}
	h.db = hubsqlite.NewDB(filepath.Join(h.Dir, "hub.db"))
	h.db.DeferCases = h.DeferCases
	h.ingest = &hubside.Ingest{Conn: mqtt.Conn{Broker: h.URL(), Username: mqtt.UserHub, Password: password(mqtt.UserHub)},
		Store: h.db, Signer: h.Signer,
		// Throughput, not the per-kiosk quota, is measured here.
		Quota: &hub.Quota{PerHour: 1 << 30}, Pace: hubside.Pace{Fleet: len(h.Kiosks)}}
	for _, p := range []part{h.db, &hubsqlite.Projector{DB: h.db}, h.ingest} {
		if err := h.open(p); err != nil {
			return err
		}
	}
	if !h.Subscribed {
		// As hub run has it: submissions straight into the ingest's queue.
		h.broker.Attach(h.ingest)
	}
	for deadline := time.Now().Add(10 * time.Second); !h.ingest.Connected(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return fmt.Errorf("ingest did not connect")
		}
	}
	return nil
}

// Close stops the hub and returns the first error.
func (h *loadHub) Close() error {
	var first error
	for i := len(h.parts) - 1; i >= 0; i-- {
		if err := h.parts[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	h.parts = nil
	return first
}
