package open311

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"opinionwall/hub"
)

// Escalator forwards the store's escalations to their bodies once each
// and polls the bodies' status into the case history. Set the fields,
// then Open; Close stops it. Its state is the store's: a restart carries
// on where the last run stopped.
type Escalator struct {
	Store   hub.EscalationStore
	Client  *Client
	Catalog *hub.Catalog
	// Poll is how often a body's request is asked about (default 5 min).
	Poll time.Duration
	// Tick is how often the outbox is looked at (default 2 s).
	Tick time.Duration
	Now  func() time.Time
	Log  *slog.Logger

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// escalationBatch is how many escalations a round takes.
const escalationBatch = 20

// defaults fills the fields left zero.
func (e *Escalator) defaults() {
	if e.Client == nil {
		e.Client = &Client{}
	}
	if e.Poll <= 0 {
		e.Poll = 5 * time.Minute
	}
	if e.Tick <= 0 {
		e.Tick = 2 * time.Second
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.Log == nil {
		e.Log = slog.New(slog.DiscardHandler)
	}
}

// Open starts the loop.
func (e *Escalator) Open() error {
	if e.Store == nil || e.Catalog == nil {
		return fmt.Errorf("escalator: needs a store and a catalog")
	}
	e.defaults()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		t := time.NewTicker(e.Tick)
		defer t.Stop()
		for {
			if err := e.Round(ctx); err != nil && ctx.Err() == nil {
				e.Log.Error("escalations", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

// Close stops the loop, finishing the escalation in hand.
func (e *Escalator) Close() error {
	if e.cancel == nil {
		return nil
	}
	e.cancel()
	e.wg.Wait()
	e.cancel = nil
	return nil
}

// Round sends or polls the escalations due now.
func (e *Escalator) Round(ctx context.Context) error {
	e.defaults()
	due, err := e.Store.DueEscalations(ctx, e.Now(), escalationBatch)
	if err != nil || len(due) == 0 {
		return err
	}
	ups, err := e.Store.Upstreams(ctx)
	if err != nil {
		return err
	}
	bodies := make(map[string]hub.Upstream, len(ups))
	for _, u := range ups {
		bodies[u.Body] = u
	}
	for _, es := range due {
		if ctx.Err() != nil {
			return nil
		}
		if err := e.one(ctx, es, bodies); err != nil {
			return err
		}
	}
	return nil
}

// one sends or polls one escalation and stores what came of it.
func (e *Escalator) one(ctx context.Context, es hub.Escalation, bodies map[string]hub.Upstream) error {
	now := e.Now()
	u, ok := bodies[es.Body]
	if !ok {
		es.Failed(fmt.Errorf("no upstream %q configured", es.Body), now)
		return e.Store.PutEscalation(ctx, es, nil)
	}
	if es.State == hub.EscPending {
		return e.send(ctx, es, u, now)
	}
	st, err := e.Client.Status(ctx, u, es.UpstreamID)
	if err != nil {
		e.failed(&es, err, now)
		return e.Store.PutEscalation(ctx, es, nil)
	}
	return e.Store.PutEscalation(ctx, es, es.Mirror(st, now, e.Poll))
}

func (e *Escalator) send(ctx context.Context, es hub.Escalation, u hub.Upstream, now time.Time) error {
	c, _, err := e.Store.Case(ctx, es.Case)
	if err != nil {
		return err
	}
	out, err := hub.EscalationRequest(c, es, u, e.Catalog)
	if err != nil { // no longer the body's open 大事
		es.State = hub.EscDropped
		return e.Store.PutEscalation(ctx, es, nil)
	}
	id, err := e.Client.Post(ctx, u, out)
	if err != nil {
		e.failed(&es, err, now)
		return e.Store.PutEscalation(ctx, es, nil)
	}
	rec := es.Sent(id, now, e.Poll)
	e.Log.Info("escalated", "case", es.Case, "body", es.Body, "upstream_id", id)
	return e.Store.PutEscalation(ctx, es, &rec)
}

// failed schedules the next try with the domain's backoff and up to a
// fifth of it more, so that bodies down together are not retried in step.
func (e *Escalator) failed(es *hub.Escalation, err error, now time.Time) {
	es.Failed(err, now)
	wait := es.NextAt.Sub(now)
	es.NextAt = es.NextAt.Add(time.Duration(rand.Int64N(int64(wait)/5 + 1)))
	e.Log.Warn("escalation failed", "case", es.Case, "body", es.Body, "attempts", es.Attempts, "next", es.NextAt, "err", err)
}
