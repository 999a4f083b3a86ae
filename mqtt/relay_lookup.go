package mqtt

import (
	"context"
	"encoding/json"
	"sync"

	"opinionwall/kiosk"
)

var _ kiosk.TicketAsker = (*Relay)(nil)

// asks are the questions put to the station and not yet answered, by id.
// The UI's goroutine adds and removes them, the loop answers them: the
// one piece of relay state shared, under its own lock.
type asks struct {
	mu      sync.Mutex
	pending map[string]chan AnswerMsg
}

func (a *asks) add(id string) chan AnswerMsg {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.pending == nil {
		a.pending = map[string]chan AnswerMsg{}
	}
	ch := make(chan AnswerMsg, 1)
	a.pending[id] = ch
	return ch
}

func (a *asks) remove(id string) {
	a.mu.Lock()
	delete(a.pending, id)
	a.mu.Unlock()
}

// answer hands m to the question it answers; false when nobody waits for
// it (it came too late, or answers a question never asked).
func (a *asks) answer(m AnswerMsg) bool {
	a.mu.Lock()
	ch, ok := a.pending[m.ID]
	delete(a.pending, m.ID)
	a.mu.Unlock()
	if ok {
		ch <- m
	}
	return ok
}

// AskTicket asks the station about a ticket another kiosk issued: a
// question on this kiosk's lookup topic, answered signed on its answer
// topic. It waits until ctx ends; without a connection, or with the hub
// gone by its last word, it fails at once.
func (r *Relay) AskTicket(ctx context.Context, code string) (kiosk.TicketUpdate, error) {
	if r.client == nil || !r.client.IsConnectionOpen() {
		return kiosk.TicketUpdate{}, kiosk.Errorf(kiosk.EOFFLINE, "ask ticket: not connected to the station")
	}
	if r.hubGone.Load() {
		return kiosk.TicketUpdate{}, kiosk.Errorf(kiosk.EOFFLINE, "ask ticket: the hub is gone (its last state)")
	}
	var g kiosk.UUIDGen
	q := LookupMsg{V: Version, ID: g.New(r.Now()), Ticket: code, TS: r.Now()}
	payload, err := json.Marshal(q)
	if err != nil {
		return kiosk.TicketUpdate{}, err
	}
	ch := r.asks.add(q.ID)
	defer r.asks.remove(q.ID)
	tok := r.client.Publish(KioskTopic(r.Kiosk, LeafLookup), 1, false, payload)
	select {
	case a := <-ch:
		switch a.Status {
		case AnswerFound:
			return *a.Update, nil
		case AnswerBusy:
			return kiosk.TicketUpdate{}, kiosk.Errorf(kiosk.EBUSY, "the station refuses more questions from this kiosk now")
		}
		return kiosk.TicketUpdate{}, kiosk.Errorf(kiosk.ENOTFOUND, "the station has no ticket %s", kiosk.FormatTicket(code))
	case <-ctx.Done():
		if tok.Error() != nil {
			return kiosk.TicketUpdate{}, kiosk.WrapError(kiosk.EOFFLINE, tok.Error(), "ask ticket")
		}
		return kiosk.TicketUpdate{}, kiosk.WrapError(kiosk.EOFFLINE, ctx.Err(), "ask ticket: no answer from the station")
	}
}

// handleAnswer takes a signed answer to one of this kiosk's questions.
func (r *Relay) handleAnswer(payload []byte) error {
	a, err := r.Trust.OpenAnswer(r.Kiosk, payload)
	if err != nil {
		return err
	}
	if !r.asks.answer(a) {
		r.Log.Info("relay: an answer nobody waits for", "id", a.ID)
	}
	return nil
}
