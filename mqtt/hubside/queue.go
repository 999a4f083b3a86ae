package hubside

import (
	"context"
	"sync"
)

// question is a kiosk's message waiting for the hub: a lookup, a chunk.
type question struct {
	kiosk   string
	payload []byte
}

// queue holds kiosks' messages for one goroutine that serves them in
// order. offer never blocks the MQTT client's callback: a message that
// does not fit is dropped (the kiosk asks or sends again after its
// timeout). stop waits for the message being served.
type queue struct {
	ch     chan question
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// start serves up to size waiting messages with serve until stop.
func (q *queue) start(size int, serve func(context.Context, question)) {
	q.ch = make(chan question, size)
	ctx, cancel := context.WithCancel(context.Background())
	q.cancel = cancel
	q.wg.Add(1)
	go func() {
		defer q.wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case m := <-q.ch:
				serve(ctx, m)
			}
		}
	}()
}

// offer queues a copy of the message; false when it was dropped.
func (q *queue) offer(kiosk string, payload []byte) bool {
	select {
	case q.ch <- question{kiosk: kiosk, payload: append([]byte(nil), payload...)}:
		return true
	default:
		return false
	}
}

// stop ends the serving goroutine; false when it was not started.
func (q *queue) stop() bool {
	if q.cancel == nil {
		return false
	}
	q.cancel()
	q.wg.Wait()
	q.cancel = nil
	return true
}
