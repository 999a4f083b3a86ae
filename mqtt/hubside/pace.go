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
// (docs/PROTOCOL.md, "The hub's pace"): each keeps at most a window of a
// budget shared among the kiosks in flight, so that all of them together
// never have more waiting for the hub than it commits in about Target
// (the budget follows the commits measured each second while kiosks are
// held back, up to Budget);
// and after the hub comes back each starts its resend at a random point
// within a spread that grows with the fleet, so they do not all come at
// once. The zero value takes the defaults.
type Pace struct {
	// Fleet is how many kiosks may connect (the password file's kiosk
	// users): the budget is shared among the larger of it and the kiosks
	// seen online.
	Fleet int
	// Budget is the most submissions all kiosks together may have in
	// flight; default 16384.
	Budget int
	// Target is about how long a submission waits for the hub when it is
	// the bottleneck; default 1 s.
	Target time.Duration
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
	said   int   // window in the last state published; 0 before any
	budget int   // now: Pace.Budget, or what tune measured
	stored int64 // submissions stored at the last tune
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
	if p.Target <= 0 {
		p.Target = time.Second
	}
	return pacer{p: p, online: map[string]bool{}, budget: p.Budget}
}

// pace is the window and spread for the kiosks known now.
func (p *pacer) pace() (int, time.Duration) {
	n := max(p.p.Fleet, len(p.online), 1)
	w := min(max(p.budget/n, MinPaceWindow), MaxPaceWindow)
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
	return p.moved()
}

// moved: the window moved by a quarter or more from the one last said.
func (p *pacer) moved() bool {
	w, _ := p.pace()
	return p.said > 0 && (4*w < 3*p.said || 4*w > 5*p.said)
}

// tune adapts the budget to the submissions stored, read every dt: while
// the hub is the bottleneck (backlog: anything still queued, or kiosks
// held back) it becomes Target's worth of what was committed; otherwise
// it grows by a quarter (at least MinPaceWindow) toward Pace.Budget:
// doubling made the kiosks' in-flight total swing, and the tail latency
// with it (docs/BENCHMARKS.md). True when the window moved by a quarter.
func (p *pacer) tune(stored int64, backlog bool, dt time.Duration) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	ds := stored - p.stored
	p.stored = stored
	switch {
	case backlog && ds > 0:
		p.budget = min(max(int(float64(ds)*p.p.Target.Seconds()/dt.Seconds()), MinPaceWindow), p.p.Budget)
	case !backlog:
		p.budget = min(p.budget+max(p.budget/4, MinPaceWindow), p.p.Budget)
	}
	return p.moved()
}

// state is the hub's online state with the pace, remembered as said.
func (p *pacer) state(now time.Time) mqtt.StateMsg {
	p.mu.Lock()
	defer p.mu.Unlock()
	w, spread := p.pace()
	p.said = w
	return mqtt.StateMsg{V: mqtt.Version, State: mqtt.StateOnline, Window: w, SpreadMS: spread.Milliseconds(), TS: now}
}

// sayOnline publishes the hub's retained online state with the pace. The
// loop (retune), the commits (repace) and paho's callbacks all say it:
// sayMu keeps the state last published the one the pacer remembers as
// said (paho sends publishes in the order they are made).
func (in *Ingest) sayOnline(c paho.Client) {
	in.sayMu.Lock()
	defer in.sayMu.Unlock()
	online, _ := json.Marshal(in.pacer.state(in.Now()))
	c.Publish(mqtt.TopicHubState, 1, true, online)
}

// retune adapts the pace to the commits since the last retune, dt ago
// (about a second: the loop may be waiting on a commit when its ticker
// fires), and says it again when it moved.
func (in *Ingest) retune(dt time.Duration) {
	held := in.stats.held.Load()
	backlog := len(in.msgs) > 0 || held > in.heldSeen
	in.heldSeen = held
	if in.pacer.tune(in.stats.stored.Load(), backlog, dt) && in.client.IsConnectionOpen() {
		in.sayOnline(in.client)
	}
}

// repace says the pace again when the kiosks online moved it.
func (in *Ingest) repace(pres []hub.Presence) {
	if len(pres) > 0 && in.pacer.see(pres) && in.client.IsConnectionOpen() {
		in.sayOnline(in.client)
	}
}
