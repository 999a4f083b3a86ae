package mqtt

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
)

// Ops is the maintainer's side: it reads the fleet from the retained
// presence messages and sends signed commands, waiting for their results.
type Ops struct {
	Conn
	Signer *Signer
}

// FleetEntry is one kiosk's retained presence.
type FleetEntry struct {
	Kiosk string   `json:"kiosk"`
	State StateMsg `json:"state"`
}

// Outcome is what became of a command sent to one kiosk.
type Outcome struct {
	Kiosk   string      `json:"kiosk"`
	CID     string      `json:"cid"`
	Results []ResultMsg `json:"results"` // every result, in order of arrival
	Final   string      `json:"final"`   // succeeded, failed, rejected, or "" on timeout
}

func (o *Ops) connect(ctx context.Context, handler paho.MessageHandler) (paho.Client, error) {
	opts := o.ClientOptions()
	suffix := make([]byte, 4)
	rand.Read(suffix)
	opts.SetClientID("ow-ops-" + hex.EncodeToString(suffix))
	opts.SetCleanSession(true)
	opts.SetDefaultPublishHandler(handler)
	c := paho.NewClient(opts)
	if err := WaitToken(c.Connect(), OrDefault(o.ConnectTimeout, 10*time.Second), "connect"); err != nil {
		return nil, fmt.Errorf("broker unreachable: %w", err)
	}
	return c, nil
}

// Fleet collects the retained presence of every kiosk for wait.
func (o *Ops) Fleet(ctx context.Context, wait time.Duration) ([]FleetEntry, error) {
	var mu sync.Mutex
	seen := map[string]StateMsg{}
	c, err := o.connect(ctx, func(_ paho.Client, m paho.Message) {
		k, leaf, ok := ParseKioskTopic(m.Topic())
		if !ok || leaf != LeafState {
			return
		}
		if st, err := DecodeState(m.Payload()); err == nil {
			mu.Lock()
			seen[k] = st
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, err
	}
	defer c.Disconnect(100)
	if err := WaitToken(c.Subscribe(KioskFilter(LeafState), 1, nil), 10*time.Second, "subscribe"); err != nil {
		return nil, err
	}
	select {
	case <-ctx.Done():
	case <-time.After(wait):
	}
	mu.Lock()
	defer mu.Unlock()
	out := make([]FleetEntry, 0, len(seen))
	for k, st := range seen {
		out = append(out, FleetEntry{Kiosk: k, State: st})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kiosk < out[j].Kiosk })
	return out, nil
}

// NewCommand makes a signed command for kiosk k: a fresh cid and nonce,
// issued now, expiring after ttl.
func (o *Ops) NewCommand(k, cmd string, args any, ttl time.Duration) (Command, []byte, error) {
	raw, err := json.Marshal(args)
	if err != nil {
		return Command{}, nil, err
	}
	var g kiosk.UUIDGen
	nonce := make([]byte, 12)
	rand.Read(nonce)
	now := time.Now()
	c := Command{CID: g.New(now), Kiosk: k, Cmd: cmd, Args: raw, IAT: now, EXP: now.Add(ttl), Nonce: hex.EncodeToString(nonce)}
	b, err := o.Signer.Sign(TypeCmd, KioskTopic(k, LeafCmd), c)
	return c, b, err
}

// Send sends cmd to each kiosk, signed, and waits, at most timeout, for a
// final result from each.
func (o *Ops) Send(ctx context.Context, kiosks []string, cmd string, args any, timeout time.Duration) ([]Outcome, error) {
	var mu sync.Mutex
	out := map[string]*Outcome{}
	byCID := map[string]*Outcome{}
	done := make(chan struct{}, len(kiosks))
	c, err := o.connect(ctx, func(_ paho.Client, m paho.Message) {
		res, err := DecodeResult(m.Payload())
		if err != nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		oc := byCID[res.CID]
		if oc == nil || oc.Final != "" {
			return
		}
		oc.Results = append(oc.Results, res)
		switch res.Status {
		case ResultSucceeded, ResultFailed, ResultRejected:
			oc.Final = res.Status
			done <- struct{}{}
		}
	})
	if err != nil {
		return nil, err
	}
	defer c.Disconnect(100)
	subs := map[string]byte{}
	for _, k := range kiosks {
		subs[KioskTopic(k, LeafRes)] = 1
	}
	if err := WaitToken(c.SubscribeMultiple(subs, nil), 10*time.Second, "subscribe"); err != nil {
		return nil, err
	}
	for _, k := range kiosks {
		signed, payload, err := o.NewCommand(k, cmd, args, 5*time.Minute)
		if err != nil {
			return nil, err
		}
		oc := &Outcome{Kiosk: k, CID: signed.CID}
		mu.Lock()
		out[k], byCID[signed.CID] = oc, oc
		mu.Unlock()
		if err := WaitToken(c.Publish(KioskTopic(k, LeafCmd), 1, false, payload), 10*time.Second, "publish"); err != nil {
			return nil, err
		}
	}
	deadline := time.After(timeout)
	for got := 0; got < len(kiosks); got++ {
		select {
		case <-done:
		case <-deadline:
			got = len(kiosks)
		case <-ctx.Done():
			got = len(kiosks)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	list := make([]Outcome, 0, len(kiosks))
	for _, k := range kiosks {
		list = append(list, *out[k])
	}
	return list, nil
}

// PushConfig publishes kiosk k's desired configuration, signed and
// retained, and waits at most timeout for the kiosk's answer (cid
// "config-vVERSION").
func (o *Ops) PushConfig(ctx context.Context, k string, version int64, raw json.RawMessage, timeout time.Duration) (Outcome, error) {
	payload, err := o.Signer.Sign(TypeConfig, KioskTopic(k, LeafConfig), ConfigMsg{Kiosk: k, Version: version, Config: raw})
	if err != nil {
		return Outcome{}, err
	}
	cid := fmt.Sprintf("config-v%d", version)
	got := make(chan ResultMsg, 1)
	c, err := o.connect(ctx, func(_ paho.Client, m paho.Message) {
		if r, err := DecodeResult(m.Payload()); err == nil && r.CID == cid {
			select {
			case got <- r:
			default:
			}
		}
	})
	if err != nil {
		return Outcome{}, err
	}
	defer c.Disconnect(100)
	if err := WaitToken(c.Subscribe(KioskTopic(k, LeafRes), 1, nil), 10*time.Second, "subscribe"); err != nil {
		return Outcome{}, err
	}
	if err := WaitToken(c.Publish(KioskTopic(k, LeafConfig), 1, true, payload), 10*time.Second, "publish"); err != nil {
		return Outcome{}, err
	}
	oc := Outcome{Kiosk: k, CID: cid}
	select {
	case r := <-got:
		oc.Results, oc.Final = []ResultMsg{r}, r.Status
	case <-time.After(timeout):
	case <-ctx.Done():
	}
	return oc, nil
}
