package periph

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpioreg"

	"opinionwall/hardware"
)

// InputPin is one input wired to a GPIO: buttons and the hook switch close
// to ground (active low, pull-up on); a PIR motion sensor drives its pin
// high (active high, no pull).
type InputPin struct {
	Input     string // hardware.Rate1 ... hardware.Motion
	Pin       string // e.g. "GPIO5"
	ActiveLow bool
}

// GPIO watches the input pins through the debouncer and drives the LEDs.
// Set the fields, then Open; Close stops it.
type GPIO struct {
	Inputs    []InputPin
	LEDs      map[string]string // LED name (rate1..rate4, status) -> pin
	Debounce  time.Duration
	LongPress time.Duration
	// Lookup finds a pin by name; gpioreg.ByName by default, test pins in tests.
	Lookup func(name string) gpio.PinIO
	Now    func() time.Time

	events  chan hardware.Event
	dropped atomic.Int64
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	mu   sync.Mutex
	leds map[string]*led
}

type led struct {
	pin     gpio.PinIO
	pattern hardware.Pattern
	since   time.Time
	level   gpio.Level // what was written: never read back from an output
	written bool
}

var (
	_ hardware.Inputs = (*GPIO)(nil)
	_ hardware.LEDs   = (*GPIO)(nil)
)

// edgeWait bounds every WaitForEdge: finite and positive, always (on the
// gpioioctl driver -1 returns at once and 0 waits for ever).
const edgeWait = 100 * time.Millisecond

// Open configures the pins and starts watching. A pin that does not exist
// is an error naming it.
func (g *GPIO) Open() error {
	if g.Lookup == nil {
		g.Lookup = func(name string) gpio.PinIO { return gpioreg.ByName(name) }
	}
	if g.Now == nil {
		g.Now = time.Now
	}
	g.events = make(chan hardware.Event, 64)
	g.leds = map[string]*led{}
	pins := make([]gpio.PinIO, len(g.Inputs))
	for i, in := range g.Inputs {
		p := g.Lookup(in.Pin)
		if p == nil {
			return fmt.Errorf("gpio: no pin %q for %s", in.Pin, in.Input)
		}
		pull := gpio.Float
		if in.ActiveLow {
			pull = gpio.PullUp
		}
		if err := p.In(pull, gpio.BothEdges); err != nil {
			return fmt.Errorf("gpio: %s (%s): %w", in.Pin, in.Input, err)
		}
		pins[i] = p
	}
	for name, pin := range g.LEDs {
		p := g.Lookup(pin)
		if p == nil {
			return fmt.Errorf("gpio: no pin %q for LED %s", pin, name)
		}
		g.leds[name] = &led{pin: p, pattern: hardware.Off}
	}
	ctx, cancel := context.WithCancel(context.Background())
	g.cancel = cancel
	for i, in := range g.Inputs {
		g.wg.Add(1)
		go func() {
			defer g.wg.Done()
			g.watch(ctx, in, pins[i])
		}()
	}
	if len(g.leds) > 0 {
		g.wg.Add(1)
		go func() {
			defer g.wg.Done()
			g.drive(ctx)
		}()
	}
	return nil
}

// Close stops watching and driving, and turns the LEDs off.
func (g *GPIO) Close() error {
	if g.cancel == nil {
		return nil
	}
	g.cancel()
	g.wg.Wait()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, l := range g.leds {
		l.pin.Out(gpio.Low)
	}
	return nil
}

// Events delivers the inputs' events.
func (g *GPIO) Events() <-chan hardware.Event { return g.events }

// Dropped returns how many events were dropped because nobody read them.
func (g *GPIO) Dropped() int64 { return g.dropped.Load() }

func (g *GPIO) watch(ctx context.Context, in InputPin, p gpio.PinIO) {
	d := &hardware.Debouncer{Input: in.Input, Window: g.Debounce, LongPress: g.LongPress}
	active := gpio.High
	if in.ActiveLow {
		active = gpio.Low
	}
	emit := func(evs []hardware.Event) {
		for _, e := range evs {
			if te, ok := hardware.Translate(e); ok {
				select {
				case g.events <- te:
				default:
					g.dropped.Add(1)
				}
			}
		}
	}
	// The level at start counts too: a handset already on its hook.
	emit(d.Feed(p.Read() == active, g.Now()))
	for ctx.Err() == nil {
		wait := edgeWait
		if dl := d.Deadline(); !dl.IsZero() {
			wait = max(min(wait, dl.Sub(g.Now())), time.Millisecond)
		}
		if p.WaitForEdge(wait) {
			emit(d.Feed(p.Read() == active, g.Now()))
		} else {
			emit(d.Tick(g.Now()))
		}
	}
}

// SetLED sets an LED's pattern.
func (g *GPIO) SetLED(name string, pat hardware.Pattern) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	l, ok := g.leds[name]
	if !ok {
		return fmt.Errorf("gpio: no LED %q", name)
	}
	l.pattern, l.since = pat, g.Now()
	return g.apply(l, g.Now())
}

func (g *GPIO) drive(ctx context.Context) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			g.mu.Lock()
			now := g.Now()
			for _, l := range g.leds {
				g.apply(l, now)
			}
			g.mu.Unlock()
		}
	}
}

// apply writes the level the LED's pattern gives at now, if it changed.
func (g *GPIO) apply(l *led, now time.Time) error {
	want := patternLevel(l.pattern, now.Sub(l.since))
	if l.written && want == l.level {
		return nil
	}
	if err := l.pin.Out(want); err != nil {
		return fmt.Errorf("gpio: LED: %w", err)
	}
	l.level, l.written = want, true
	return nil
}

// patternLevel is the level of a pattern at a time since it was set:
// blink 1 Hz, error 5 Hz, "thank you" three quick pulses then off.
func patternLevel(p hardware.Pattern, since time.Duration) gpio.Level {
	ms := since.Milliseconds()
	switch p {
	case hardware.On:
		return gpio.High
	case hardware.Blink:
		return gpio.Level(ms%1000 < 500)
	case hardware.Fault:
		return gpio.Level(ms%200 < 100)
	case hardware.Thank:
		return gpio.Level(ms < 900 && ms%300 < 150)
	}
	return gpio.Low
}
