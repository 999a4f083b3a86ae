package hubside

import (
	"encoding/json"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	"opinionwall/mqtt"
)

// Pace is what the hub's state message asks of kiosks draining a backlog
// (docs/PROTOCOL.md, "The hub's pace"): each keeps at most a window of
// Budget shared among the kiosks in flight, so that all of them together
// never have more waiting for the hub than it commits in about a second;
// and after the hub comes back each starts its resend at a random point
// within a spread that grows with the fleet, so they do not all come at
// once. The zero value takes the defaults.
type Pace struct {
	// Fleet is how many kiosks may connect (the password file's kiosk
	// users): the budget is shared among the larger of it and the kiosks
	// seen online.
	Fleet int
	// Budget is how many submissions all kiosks together may have in
	// flight; default 16384 (about a second of the hub's commits).
	Budget int
	// SpreadPerKiosk is the spread each kiosk adds; default 2 ms, so a
	// thousand kiosks start within 2 s. MaxSpread caps it; default 30 s.
	SpreadPerKiosk, MaxSpread time.Duration
}

// The window the hub signals stays within these bounds.
const (
	MinPaceWindow = 4
	MaxPaceWindow = 1024
)

// pacer tracks the kiosks online and the pace last said.
type pacer struct {
	mu     sync.Mutex
	p      Pace
	online map[string]bool
	said   int // window in the last state published; 0 before any
}

func newPacer(p Pace) pacer {
	if p.Budget <= 0 {
		p.Budget = 16384
	}
	if p.SpreadPerKiosk <= 0 {
		p.SpreadPerKiosk = 2 * time.Millisecond
	}
	if p.MaxSpread <= 0 {
		p.MaxSpread = 30 * time.Second
	}
	return pacer{p: p, online: map[string]bool{}}
}

// pace is the window and spread for the kiosks known now.
func (p *pacer) pace() (int, time.Duration) {
	n := max(p.p.Fleet, len(p.online), 1)
	w := min(max(p.p.Budget/n, MinPaceWindow), MaxPaceWindow)
	return w, min(time.Duration(n)*p.p.SpreadPerKiosk, p.p.MaxSpread)
}

// see records presence; true when the window moved by a quarter or more
// from the one last said (so a fleet coming online one by one makes a few
// states, not one a kiosk).
func (p *pacer) see(pres []hub.Presence) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, x := range pres {
		if x.State == mqtt.StateOnline {
			p.online[x.Kiosk] = true
		} else {
			delete(p.online, x.Kiosk)
		}
	}
	w, _ := p.pace()
	return p.said > 0 && (4*w < 3*p.said || 4*w > 5*p.said)
}

// state is the hub's online state with the pace, remembered as said.
func (p *pacer) state(now time.Time) mqtt.StateMsg {
	p.mu.Lock()
	defer p.mu.Unlock()
	w, spread := p.pace()
	p.said = w
	return mqtt.StateMsg{V: mqtt.Version, State: mqtt.StateOnline, Window: w, SpreadMS: spread.Milliseconds(), TS: now}
}

// sayOnline publishes the hub's retained online state with the pace.
func (in *Ingest) sayOnline(c paho.Client) {
	online, _ := json.Marshal(in.pacer.state(in.Now()))
	c.Publish(mqtt.TopicHubState, 1, true, online)
}

// repace says the pace again when the kiosks online moved it.
func (in *Ingest) repace(pres []hub.Presence) {
	if len(pres) > 0 && in.pacer.see(pres) && in.client.IsConnectionOpen() {
		in.sayOnline(in.client)
	}
}
