package mqtt

import (
	"context"
	"sort"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// PushVoicePack publishes a signed voice pack (kioskctl voicepack sign),
// retained: on each named booth's own topic, or with no kiosks named on
// the fleet's topic, which every booth reads. It waits, at most timeout,
// for the booths' answers (cid "voicepack-vVERSION"): for the named ones
// until each has answered, for the fleet the whole timeout, returning
// whoever answered.
func (o *Ops) PushVoicePack(ctx context.Context, kiosks []string, signed []byte, version int64, timeout time.Duration) ([]Outcome, error) {
	cid := VoicePackCID(version)
	var mu sync.Mutex
	out := map[string]*Outcome{}
	for _, k := range kiosks {
		out[k] = &Outcome{Kiosk: k, CID: cid}
	}
	done := make(chan struct{}, len(kiosks)+1)
	c, err := o.connect(ctx, func(_ paho.Client, m paho.Message) {
		k, _, ok := ParseKioskTopic(m.Topic())
		res, err := DecodeResult(m.Payload())
		if !ok || err != nil || res.CID != cid {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		oc := out[k]
		if oc == nil && len(kiosks) == 0 {
			oc = &Outcome{Kiosk: k, CID: cid}
			out[k] = oc
		}
		if oc == nil || oc.Final != "" {
			return
		}
		oc.Results, oc.Final = append(oc.Results, res), res.Status
		select {
		case done <- struct{}{}:
		default:
		}
	})
	if err != nil {
		return nil, err
	}
	defer c.Disconnect(100)
	subs := map[string]byte{KioskFilter(LeafRes): 1}
	if len(kiosks) > 0 {
		subs = map[string]byte{}
		for _, k := range kiosks {
			subs[KioskTopic(k, LeafRes)] = 1
		}
	}
	if err := WaitToken(c.SubscribeMultiple(subs, nil), 10*time.Second, "subscribe"); err != nil {
		return nil, err
	}
	topics := []string{TopicVoicePack}
	if len(kiosks) > 0 {
		topics = topics[:0]
		for _, k := range kiosks {
			topics = append(topics, KioskTopic(k, LeafVoicePack))
		}
	}
	for _, t := range topics {
		if err := WaitToken(c.Publish(t, 1, true, signed), 30*time.Second, "publish"); err != nil {
			return nil, err
		}
	}
	deadline := time.After(timeout)
	for got := 0; len(kiosks) == 0 || got < len(kiosks); got++ {
		select {
		case <-done:
			continue
		case <-deadline:
		case <-ctx.Done():
		}
		break
	}
	mu.Lock()
	defer mu.Unlock()
	list := make([]Outcome, 0, len(out))
	for _, oc := range out {
		list = append(list, *oc)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Kiosk < list[j].Kiosk })
	return list, nil
}
