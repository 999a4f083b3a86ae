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

// Lookups answers kiosks that ask about a ticket another kiosk issued: it
// finds the case by its ticket in the hub's store and answers, signed, on
// the asking kiosk's answer topic. Each kiosk may ask PerMinute times a
// minute; more questions are answered busy. Questions arrive through the
// ingest's connection (set Ingest.OnLookup to Offer). Set the fields, then
// Open; Close stops it.
type Lookups struct {
	Ingest    *Ingest
	Store     hub.TicketFinder
	Signer    *mqtt.Signer
	PerMinute int // per kiosk; default 10
	// WrongPerHour not-found answers to a kiosk in an hour make every
	// later question busy until the oldest is an hour old: a stolen kiosk
	// password asking code after code (docs/SECURITY.md). Default 60.
	WrongPerHour int
	Log          *slog.Logger
	Now          func() time.Time

	questions queue
	asked     map[string][]time.Time   // per kiosk, the last minute's questions (owned by the loop)
	wrong     map[string]*kiosk.Window // per kiosk, the last hour's not-found answers (owned by the loop)
	stats     lookupStats
}

type lookupStats struct{ answered, busy, rejected, dropped atomic.Int64 }

// LookupStats is a snapshot of the lookups' counters.
type LookupStats struct {
	Answered int64 // found or not found
	Busy     int64 // refused over the rate limit
	Rejected int64 // malformed questions
	Dropped  int64 // questions dropped because the queue was full
}

// Open starts answering.
func (l *Lookups) Open() error {
	if l.Ingest == nil || l.Store == nil || l.Signer == nil {
		return fmt.Errorf("lookups: needs an ingest, a store and a signer")
	}
	if l.PerMinute <= 0 {
		l.PerMinute = 10
	}
	if l.Log == nil {
		l.Log = slog.Default()
	}
	if l.Now == nil {
		l.Now = time.Now
	}
	l.asked = map[string][]time.Time{}
	l.wrong = map[string]*kiosk.Window{}
	if l.WrongPerHour <= 0 {
		l.WrongPerHour = 60
	}
	l.questions.start(256, l.answer)
	return nil
}

// Close stops answering; questions not answered time out at their kiosks.
func (l *Lookups) Close() error {
	l.questions.stop()
	return nil
}

// Offer hands a kiosk's question over; it never blocks (a question
// dropped times out at the kiosk, which tells the resident plainly).
func (l *Lookups) Offer(kiosk string, payload []byte) {
	if !l.questions.offer(kiosk, payload) {
		l.stats.dropped.Add(1)
	}
}

// Stats returns the lookups' counters.
func (l *Lookups) Stats() LookupStats {
	return LookupStats{Answered: l.stats.answered.Load(), Busy: l.stats.busy.Load(), Rejected: l.stats.rejected.Load(), Dropped: l.stats.dropped.Load()}
}

func (l *Lookups) answer(ctx context.Context, q question) {
	m, err := mqtt.DecodeLookup(q.payload)
	if err != nil {
		l.stats.rejected.Add(1)
		l.Log.Warn("lookups: refused a question", "kiosk", q.kiosk, "err", err)
		return
	}
	a := mqtt.AnswerMsg{Kiosk: q.kiosk, ID: m.ID, Ticket: m.Ticket, TS: l.Now()}
	switch {
	case l.wrongOf(q.kiosk).Full(l.Now()) || !l.allow(q.kiosk):
		a.Status = mqtt.AnswerBusy
		l.stats.busy.Add(1)
	default:
		c, err := l.Store.CaseByTicket(ctx, m.Ticket)
		switch {
		case err == nil:
			u := c.TicketUpdate()
			a.Status, a.Update = mqtt.AnswerFound, &u
		case kiosk.ErrorCode(err) == kiosk.ENOTFOUND:
			a.Status = mqtt.AnswerNotFound
			l.wrongOf(q.kiosk).Add(l.Now())
		default:
			// The kiosk times out and says it cannot ask the station now.
			l.Log.Error("lookups: find case", "ticket", m.Ticket, "err", err)
			return
		}
		l.stats.answered.Add(1)
	}
	payload, err := l.Signer.Sign(mqtt.TypeLookup, mqtt.KioskTopic(q.kiosk, mqtt.LeafAnswer), a)
	if err != nil {
		l.Log.Error("lookups: sign", "err", err)
		return
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := l.Ingest.publish(pctx, mqtt.KioskTopic(q.kiosk, mqtt.LeafAnswer), false, payload); err != nil {
		l.Log.Warn("lookups: answer", "kiosk", q.kiosk, "err", err)
	}
}

// allow counts a question of kiosk k and reports whether it is within the
// rate limit.
func (l *Lookups) allow(k string) bool {
	now := l.Now()
	keep := l.asked[k][:0]
	for _, at := range l.asked[k] {
		if now.Sub(at) < time.Minute {
			keep = append(keep, at)
		}
	}
	if len(keep) >= l.PerMinute {
		l.asked[k] = keep
		return false
	}
	l.asked[k] = append(keep, now)
	return true
}

// wrongOf returns kiosk k's window of not-found answers.
func (l *Lookups) wrongOf(k string) *kiosk.Window {
	w := l.wrong[k]
	if w == nil {
		w = &kiosk.Window{Span: time.Hour, Max: l.WrongPerHour}
		l.wrong[k] = w
	}
	return w
}
