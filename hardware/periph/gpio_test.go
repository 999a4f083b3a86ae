package periph

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpiotest"

	"opinionwall/hardware"
)

func testPins(names ...string) (map[string]*gpiotest.Pin, func(string) gpio.PinIO) {
	pins := map[string]*gpiotest.Pin{}
	for _, n := range names {
		pins[n] = &gpiotest.Pin{N: n, EdgesChan: make(chan gpio.Level, 64)}
	}
	return pins, func(n string) gpio.PinIO {
		if p, ok := pins[n]; ok {
			return p
		}
		return nil
	}
}

func next(t *testing.T, g *GPIO) hardware.Event {
	t.Helper()
	select {
	case e := <-g.Events():
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return hardware.Event{}
}

func TestGPIOButtonsHookAndMotion(t *testing.T) {
	pins, lookup := testPins("GPIO5", "GPIO21", "GPIO20", "GPIO12")
	g := &GPIO{Lookup: lookup, Debounce: 20 * time.Millisecond, LongPress: time.Hour,
		Inputs: []InputPin{{hardware.Rate4, "GPIO5", true}, {hardware.Hook, "GPIO21", true}, {hardware.Motion, "GPIO20", false}},
		LEDs:   map[string]string{hardware.Rate4: "GPIO12"}}
	if err := g.Open(); err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	// Buttons and hook rest high (pull-up): no event. A bouncy press:
	p := pins["GPIO5"].EdgesChan
	p <- gpio.Low
	p <- gpio.High
	p <- gpio.Low
	time.Sleep(60 * time.Millisecond)
	p <- gpio.High
	if e := next(t, g); e.Kind != hardware.Press || e.Input != hardware.Rate4 {
		t.Fatalf("event %+v", e)
	}
	if e := next(t, g); e.Kind != hardware.Release {
		t.Fatalf("event %+v", e)
	}
	// Handset lifted from the hook after resting on it.
	pins["GPIO21"].EdgesChan <- gpio.Low
	if e := next(t, g); e.Kind != hardware.HookDown {
		t.Fatalf("event %+v", e)
	}
	pins["GPIO21"].EdgesChan <- gpio.High
	if e := next(t, g); e.Kind != hardware.HookUp {
		t.Fatalf("event %+v", e)
	}
	pins["GPIO20"].EdgesChan <- gpio.High
	if e := next(t, g); e.Kind != hardware.Moved {
		t.Fatalf("event %+v", e)
	}
	// LEDs: state in software, written only when it changes.
	if err := g.SetLED(hardware.Rate4, hardware.On); err != nil {
		t.Fatal(err)
	}
	if pat, lvl := ledState(g, hardware.Rate4); pat != hardware.On || lvl != gpio.High || pins["GPIO12"].L != gpio.High {
		t.Fatalf("LED %v %v pin %v", pat, lvl, pins["GPIO12"].L)
	}
	if err := g.SetLED("nope", hardware.On); err == nil {
		t.Error("an unknown LED was set")
	}
}

func TestGPIOMissingPin(t *testing.T) {
	_, lookup := testPins()
	g := &GPIO{Lookup: lookup, Inputs: []InputPin{{hardware.Rate1, "GPIO99", true}}}
	if err := g.Open(); err == nil {
		t.Fatal("a missing pin was accepted")
	}
}

func TestPatternLevel(t *testing.T) {
	for _, tt := range []struct {
		p    hardware.Pattern
		ms   int
		want gpio.Level
	}{
		{hardware.Off, 0, gpio.Low}, {hardware.On, 1234, gpio.High},
		{hardware.Blink, 100, gpio.High}, {hardware.Blink, 600, gpio.Low},
		{hardware.Thank, 100, gpio.High}, {hardware.Thank, 200, gpio.Low}, {hardware.Thank, 1000, gpio.Low},
		{hardware.Fault, 50, gpio.High}, {hardware.Fault, 150, gpio.Low},
	} {
		t.Run(fmt.Sprintf("%s at %d ms", tt.p, tt.ms), func(t *testing.T) {
			if got := patternLevel(tt.p, time.Duration(tt.ms)*time.Millisecond); got != tt.want {
				t.Errorf("%s at %d ms: %v", tt.p, tt.ms, got)
			}
		})
	}
}

// BenchmarkWatchSixPins reports the CPU the watchers of six idle pins cost.
func BenchmarkWatchSixPins(b *testing.B) {
	names := []string{"GPIO5", "GPIO6", "GPIO13", "GPIO19", "GPIO26", "GPIO21"}
	_, lookup := testPins(names...)
	g := &GPIO{Lookup: lookup}
	for _, n := range names {
		g.Inputs = append(g.Inputs, InputPin{Input: n, Pin: n, ActiveLow: true})
	}
	if err := g.Open(); err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	start := time.Now()
	for b.Loop() {
		time.Sleep(100 * time.Millisecond)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(100*cpu.Seconds()/time.Since(start).Seconds(), "%cpu")
}

// BenchmarkEdgeToEvent measures an edge on a (test) pin to its press event,
// through the debouncer's window.
func BenchmarkEdgeToEvent(b *testing.B) {
	pins, lookup := testPins("GPIO5")
	g := &GPIO{Lookup: lookup, Debounce: 30 * time.Millisecond, Inputs: []InputPin{{hardware.Rate1, "GPIO5", true}}}
	if err := g.Open(); err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	var total time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		pins["GPIO5"].EdgesChan <- gpio.Low
		<-g.Events()
		total += time.Since(start)
		pins["GPIO5"].EdgesChan <- gpio.High
		<-g.Events()
		n++
	}
	b.ReportMetric(float64(total.Microseconds())/float64(n)/1000, "ms/edge-to-press")
}

// ledState returns an LED's pattern and the level last written to it.
func ledState(g *GPIO, name string) (hardware.Pattern, gpio.Level) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if l, ok := g.leds[name]; ok {
		return l.pattern, l.level
	}
	return hardware.Off, gpio.Low
}
