package hub

import (
	"sync"
	"time"
)

// DefaultQuotaPerHour is how many submissions the hub takes from one kiosk
// in an hour: fifty times a queue of residents (a visit takes a minute), so
// only a kiosk draining a long outage or someone with its password reaches
// it. The AlertQuotaPerHour alert comes well before.
const DefaultQuotaPerHour = 3000

// Quota limits the submissions taken from each kiosk: PerHour an hour,
// refilled continuously, with a burst of PerHour. A submission over it is
// neither stored nor acknowledged: the kiosk keeps it and sends it again
// later, so a backlog drains at the quota's pace and nothing is lost,
// while a stolen password cannot fill the station's store. Safe for
// concurrent use.
type Quota struct {
	PerHour int

	mu    sync.Mutex
	kiosk map[string]*quotaBucket
}

type quotaBucket struct {
	tokens float64
	at     time.Time
}

// Take reports whether kiosk may have one more submission taken at now,
// and takes it when so.
func (q *Quota) Take(kiosk string, now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	per := float64(q.PerHour)
	if per <= 0 {
		per = DefaultQuotaPerHour
	}
	if q.kiosk == nil {
		q.kiosk = map[string]*quotaBucket{}
	}
	b, ok := q.kiosk[kiosk]
	if !ok {
		b = &quotaBucket{tokens: per, at: now}
		q.kiosk[kiosk] = b
	}
	if dt := now.Sub(b.at); dt > 0 {
		b.tokens = min(per, b.tokens+dt.Hours()*per)
		b.at = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
