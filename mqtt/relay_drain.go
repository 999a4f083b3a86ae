package mqtt

import (
	"context"

	"opinionwall/kiosk"
)

// resendAll puts every unacknowledged submission back and drains again.
func (r *Relay) resendAll(ctx context.Context, why string) {
	n, err := r.Outbox.Requeue(ctx, 0)
	if err != nil {
		r.Log.Warn("relay: requeue", "err", err)
	}
	r.stats.resent.Add(int64(n))
	clear(r.inflight)
	if n > 0 {
		r.Log.Info("relay: resending", "why", why, "count", n)
	}
	r.fill(ctx)
	r.resendAudio(ctx)
}

// fill publishes pending submissions, in seq order, until the window is full.
func (r *Relay) fill(ctx context.Context) {
	for r.connected && !r.holding && len(r.inflight) < r.window() {
		want := r.window() - len(r.inflight)
		batch, err := r.Outbox.Claim(ctx, want)
		if err != nil {
			r.Log.Warn("relay: claim", "err", err)
			return
		}
		r.publish(batch)
		if len(batch) < want {
			return
		}
	}
}

// publish sends claimed submissions in up messages of at most MaxUpBatch.
func (r *Relay) publish(batch []kiosk.Claimed) {
	now := r.Now()
	for start := 0; start < len(batch); start += MaxUpBatch {
		group := batch[start:min(start+MaxUpBatch, len(batch))]
		subs := make([][]byte, len(group))
		for i := range group {
			subs[i] = group[i].JSON
		}
		// Not waited for: the broker's PUBACK is not delivery, the hub's
		// ack is. A publish that fails is resent on reconnect or timeout.
		r.client.Publish(KioskTopic(r.Kiosk, LeafUp), 1, false, encodeUpJSON(subs...))
		for _, s := range group {
			r.inflight[s.ID] = sent{seq: s.Seq, at: now}
		}
		r.stats.published.Add(int64(len(group)))
	}
}

// expire puts submissions not acknowledged within AckTimeout back.
func (r *Relay) expire(ctx context.Context) {
	cutoff := r.Now().Add(-r.AckTimeout)
	stale := 0
	for id, s := range r.inflight {
		if s.at.Before(cutoff) {
			delete(r.inflight, id)
			stale++
		}
	}
	if stale == 0 {
		return
	}
	n, err := r.Outbox.Requeue(ctx, r.AckTimeout)
	if err != nil {
		r.Log.Warn("relay: requeue", "err", err)
		return
	}
	r.stats.resent.Add(int64(n))
	r.Log.Info("relay: no ack in time, resending", "count", n, "timeout", r.AckTimeout)
}

// markAcked marks submissions the hub acknowledged as delivered and claims
// the next ones for the freed window in the same transaction, then
// publishes them.
func (r *Relay) markAcked(ctx context.Context, ids []string) {
	present := 0
	acked := make([]kiosk.Delivered, len(ids))
	for i, id := range ids {
		acked[i].ID = id
		if s, ok := r.inflight[id]; ok {
			acked[i].Seq = s.seq
			present++
		}
	}
	free := 0
	if r.connected && !r.holding {
		free = max(r.window()-(len(r.inflight)-present), 0)
	}
	n, batch, err := r.Outbox.AckAndClaim(ctx, acked, free)
	if err != nil {
		// Not marked: they stay in flight, time out, and are resent and
		// acknowledged again.
		r.Log.Warn("relay: mark acked", "err", err)
		return
	}
	for _, id := range ids {
		delete(r.inflight, id)
	}
	r.stats.acked.Add(int64(n))
	r.publish(batch)
	if len(batch) == free {
		r.fill(ctx)
	}
}
