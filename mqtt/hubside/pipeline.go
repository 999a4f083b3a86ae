package hubside

import (
	"context"
	"sync"
	"time"

	"opinionwall/hub"
)

// The ingest is a pipeline of three goroutines, so that only the store's
// transaction is serial: while batch N commits, batch N+1 is gathered
// and decoded, and the acks of batch N-1 are signed and sent. The store
// sees batches one at a time and in order, as before; an ack still goes
// out only after the commit of what it acknowledges.
//
//	loop:   gather a batch from the queue, decode it  → commits (1 waiting)
//	commit: apply it in one transaction               → acks (a few waiting)
//	acks:   sign and publish each kiosk's ack
//
// On Close the loop stops taking messages; the batches already decoded
// are committed (within drainTimeout; after it they fail unacknowledged
// and the kiosks resend them) and the acks of those committed are sent
// before the ingest disconnects.

// decoded is a batch ready to commit, and what follows its commit.
type decoded struct {
	b      hub.Batch
	acks   map[string][]string // kiosk → ids to acknowledge once committed
	online []string            // kiosks that said online live
}

// run starts the three stages and waits until the loop ends and the
// others have finished what it handed them.
func (in *Ingest) run(ctx context.Context) {
	commits := make(chan *decoded, 1)
	acks := make(chan map[string][]string, 4)
	// The commits outlive ctx by up to drainTimeout, so that what was
	// decoded when Close came is committed and acknowledged rather than
	// resent (a store that hangs is given up then).
	cctx, stopCommits := context.WithCancel(context.WithoutCancel(ctx))
	defer stopCommits()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(acks)
		for d := range commits {
			in.commit(cctx, d, acks)
		}
	}()
	go func() {
		defer wg.Done()
		for a := range acks {
			for k, ids := range a {
				in.ack(k, ids)
			}
		}
	}()
	in.loop(ctx, commits)
	close(commits)
	drain := time.AfterFunc(drainTimeout, stopCommits)
	defer drain.Stop()
	wg.Wait()
}

// drainTimeout is how long Close waits for the batches already decoded to
// commit.
const drainTimeout = 5 * time.Second

// loop gathers batches from the queue, decodes them and hands them on,
// and retunes the pace each second.
func (in *Ingest) loop(ctx context.Context, commits chan<- *decoded) {
	var batch []inMsg
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	tuned := time.Now()
	for {
		batch = batch[:0]
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			now := time.Now() // the stored count is read now, not at the tick
			in.retune(now.Sub(tuned))
			tuned = now
			continue
		case m := <-in.msgs:
			batch = append(batch, m)
		}
		// Up messages carry up to MaxUpBatch submissions: count roughly by
		// what they could hold, so one transaction stays near BatchMax.
		size := weight(batch[0])
		deadline := time.NewTimer(in.BatchWait)
	fill:
		for size < in.BatchMax {
			select {
			case m := <-in.msgs:
				batch = append(batch, m)
				size += weight(m)
			case <-deadline.C:
				break fill
			}
		}
		deadline.Stop()
		commits <- in.decode(batch)
	}
}
