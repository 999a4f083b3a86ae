package hubside

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// Voices takes the chunks of voice messages' audio the kiosks send on
// their voice topics (through the ingest's connection: set Ingest.OnVoice
// to Offer), keeps each in the store, and acknowledges it, signed, on the
// kiosk's vack topic with how many chunks the station holds, or that the
// recording is whole and checked. A chunk of a submission not stored yet,
// or one the store cannot take now, is not acknowledged: the kiosk sends
// it again after its ack timeout. Set the fields, then Open; Close stops it.
type Voices struct {
	Ingest *Ingest
	Store  hub.VoiceStore
	Signer *mqtt.Signer
	Log    *slog.Logger
	Now    func() time.Time

	chunks queue
	stats  voiceStats
}

type voiceStats struct{ acked, completed, restarted, rejected, waiting, dropped atomic.Int64 }

// VoiceStats is a snapshot of the voice counters.
type VoiceStats struct {
	Acked     int64 // chunks acknowledged
	Completed int64 // recordings whole and checked
	Restarted int64 // recordings whose chunks did not match and were thrown away
	Rejected  int64 // chunks refused (malformed, another kiosk's, out of place)
	Waiting   int64 // chunks of submissions not stored yet (not acknowledged)
	Dropped   int64 // chunks dropped because the queue was full
}

// Open starts taking chunks.
func (v *Voices) Open() error {
	if v.Ingest == nil || v.Store == nil || v.Signer == nil {
		return fmt.Errorf("voices: needs an ingest, a store and a signer")
	}
	if v.Log == nil {
		v.Log = slog.Default()
	}
	if v.Now == nil {
		v.Now = time.Now
	}
	// 64 chunks of 32 KiB: 2 MiB waiting at most.
	v.chunks.start(64, v.take)
	return nil
}

// Close stops taking chunks; those not acknowledged are sent again.
func (v *Voices) Close() error {
	v.chunks.stop()
	return nil
}

// Offer hands a chunk over; it never blocks (a chunk dropped is resent by
// the kiosk after its ack timeout).
func (v *Voices) Offer(kiosk string, payload []byte) {
	if !v.chunks.offer(kiosk, payload) {
		v.stats.dropped.Add(1)
	}
}

// Stats returns the voice counters.
func (v *Voices) Stats() VoiceStats {
	return VoiceStats{Acked: v.stats.acked.Load(), Completed: v.stats.completed.Load(), Restarted: v.stats.restarted.Load(),
		Rejected: v.stats.rejected.Load(), Waiting: v.stats.waiting.Load(), Dropped: v.stats.dropped.Load()}
}

func (v *Voices) take(ctx context.Context, q question) {
	m, err := mqtt.DecodeVoiceChunk(q.payload)
	if err != nil {
		v.stats.rejected.Add(1)
		v.Log.Warn("voices: refused a chunk", "kiosk", q.kiosk, "err", err)
		return
	}
	p, err := v.Store.PutVoiceChunk(ctx, q.kiosk, m.ID, m.I, m.Data)
	switch code := kiosk.ErrorCode(err); {
	case err == nil:
	case code == kiosk.ENOTFOUND:
		v.stats.waiting.Add(1)
		v.Log.Info("voices: a chunk before its submission", "kiosk", q.kiosk, "id", m.ID)
		return
	case code == kiosk.EINVALID:
		v.stats.rejected.Add(1)
		v.Log.Warn("voices: refused a chunk", "kiosk", q.kiosk, "id", m.ID, "chunk", m.I, "err", err)
		return
	default:
		v.Log.Error("voices: store a chunk", "kiosk", q.kiosk, "id", m.ID, "err", err)
		return
	}
	switch {
	case p.Done:
		v.stats.completed.Add(1)
	case p.Restarted:
		v.stats.restarted.Add(1)
		v.Log.Warn("voices: a recording did not match its submission; the kiosk starts again", "kiosk", q.kiosk, "id", m.ID)
	}
	ack := mqtt.VoiceAckMsg{Kiosk: q.kiosk, ID: m.ID, Have: p.Have, Done: p.Done, TS: v.Now()}
	topic := mqtt.KioskTopic(q.kiosk, mqtt.LeafVoiceAck)
	payload, err := v.Signer.Sign(mqtt.TypeVoiceAck, topic, ack)
	if err != nil {
		v.Log.Error("voices: sign", "err", err)
		return
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := v.Ingest.publish(pctx, topic, false, payload); err != nil {
		v.Log.Warn("voices: ack", "kiosk", q.kiosk, "err", err)
		return
	}
	v.stats.acked.Add(1)
}
