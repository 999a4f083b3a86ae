package mqtt

import (
	"context"
	"encoding/json"
	"time"

	"opinionwall/kiosk"
)

// voiceWindow is how many chunks of a recording may be published and not
// yet acknowledged: 128 KiB.
const voiceWindow = 4

// DefaultVoiceRate paces chunks to half a kiosk's byte rate at the
// broker (256 KiB/s once its 4 MiB burst is spent): over it the broker
// drops publishes, and each drop would cost an ack timeout. A booth's
// backlog of recordings drains at about 90 KB of audio a second.
const DefaultVoiceRate = 128 << 10

// upload is the recording being sent (loop-owned): the hub holds chunks
// [0, acked); next is the next chunk to publish.
type upload struct {
	p     kiosk.PendingAudio
	acked int
	next  int
	at    int64 // unix nanoseconds of the last publish or ack
}

func (u *upload) chunks() int { return u.p.Audio.Chunks() }

// rewind makes the next publish start at the first chunk the hub lacks;
// when it says it holds them all but has not said done (its done ack was
// lost), the last chunk is sent again to have it say so.
func (u *upload) rewind() { u.next = min(u.acked, u.chunks()-1) }

// sendAudio publishes chunks of the recording in hand, taking the oldest
// recording the hub lacks when there is none, up to voiceWindow beyond
// what the hub acknowledged.
func (r *Relay) sendAudio(ctx context.Context) {
	if r.Voice == nil || !r.connected {
		return
	}
	if r.upload == nil {
		ps, err := r.Voice.PendingAudio(ctx, 1)
		if err != nil {
			r.Log.Warn("relay: pending audio", "err", err)
			return
		}
		if len(ps) == 0 {
			return
		}
		r.upload = &upload{p: ps[0], acked: ps[0].Acked}
		r.upload.rewind()
	}
	u := r.upload
	now := r.Now()
	// Up to a second's worth ahead of the pace: the loop looks again every second.
	for u.next < u.chunks() && u.next < u.acked+voiceWindow && r.voiceAt.Before(now.Add(time.Second)) {
		lo := u.next * kiosk.ChunkBytes
		hi := min(lo+kiosk.ChunkBytes, len(u.p.Data))
		b, _ := json.Marshal(VoiceChunkMsg{V: Version, ID: u.p.ID, I: u.next, Data: u.p.Data[lo:hi]})
		// Not waited for, like submissions: the hub's signed ack is delivery.
		r.client.Publish(KioskTopic(r.Kiosk, LeafVoice), 1, false, b)
		r.stats.voiceChunks.Add(1)
		u.next++
		u.at = now.UnixNano()
		r.voiceAt = maxTime(r.voiceAt, now).Add(time.Duration(len(b)) * time.Second / time.Duration(r.VoiceRate))
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// handleVoiceAck records what the hub holds of a recording and sends on.
func (r *Relay) handleVoiceAck(ctx context.Context, payload []byte) error {
	m, err := r.Trust.OpenVoiceAck(r.Kiosk, payload)
	if err != nil || r.Voice == nil {
		return err
	}
	u := r.upload
	if m.Done {
		if err := r.Voice.AudioDelivered(ctx, m.ID); err != nil {
			r.Log.Warn("relay: audio delivered", "id", m.ID, "err", err)
			return nil // kept; the hub says done again when the last chunk is resent
		}
		if u != nil && u.p.ID == m.ID {
			r.stats.voiceDelivered.Add(1)
			r.upload = nil
		}
		r.sendAudio(ctx)
		return nil
	}
	if u == nil || u.p.ID != m.ID {
		return nil // a late ack of a recording no longer in hand
	}
	if m.Have != u.acked {
		if err := r.Voice.AudioProgress(ctx, m.ID, m.Have); err != nil {
			r.Log.Warn("relay: audio progress", "id", m.ID, "err", err)
		}
	}
	if m.Have < u.acked {
		// The hub threw chunks away (the whole did not match, or it lost
		// them): start again where it is.
		u.acked = m.Have
		u.rewind()
	}
	u.acked = max(u.acked, m.Have)
	u.next = max(u.next, min(u.acked, u.chunks()-1))
	u.at = r.Now().UnixNano()
	r.sendAudio(ctx)
	return nil
}

// resendAudio starts the recording in hand again from what the hub last
// acknowledged: on a reconnect, the hub's return, or a timeout.
func (r *Relay) resendAudio(ctx context.Context) {
	if r.upload != nil {
		r.upload.rewind()
	}
	r.sendAudio(ctx)
}

// expireAudio resends when the hub has not acknowledged a chunk within
// AckTimeout, and otherwise sends on what the pace held back.
func (r *Relay) expireAudio(ctx context.Context) {
	if r.upload != nil && r.Now().UnixNano()-r.upload.at > int64(r.AckTimeout) {
		r.Log.Info("relay: no chunk ack in time, resending", "id", r.upload.p.ID, "from", r.upload.acked)
		r.resendAudio(ctx)
		return
	}
	r.sendAudio(ctx)
}
