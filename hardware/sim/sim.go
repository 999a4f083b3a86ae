package sim

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"opinionwall/hardware"
)

// Sim is the simulated hardware.
type Sim struct {
	Now func() time.Time

	events chan hardware.Event
	mu     sync.Mutex
	leds   map[string]hardware.Pattern
	read   hardware.Reading
	bright int
	power  bool
}

var (
	_ hardware.Inputs    = (*Sim)(nil)
	_ hardware.LEDs      = (*Sim)(nil)
	_ hardware.Sensors   = (*Sim)(nil)
	_ hardware.Backlight = (*Sim)(nil)
)

// New returns a simulated kiosk with no one at it, in daylight.
func New() *Sim {
	lux, temp, hum, cpu := 300.0, 26.0, 60.0, 45.0
	return &Sim{Now: time.Now, events: make(chan hardware.Event, 64), leds: map[string]hardware.Pattern{},
		read: hardware.Reading{Lux: &lux, TempC: &temp, Humidity: &hum, CPUTempC: &cpu}, bright: 100, power: true}
}

// Events delivers the simulated inputs.
func (s *Sim) Events() <-chan hardware.Event { return s.events }

func (s *Sim) emit(kind hardware.Kind, input string) error {
	select {
	case s.events <- hardware.Event{Kind: kind, Input: input, At: s.Now()}:
		return nil
	default:
		return errors.New("too many events waiting")
	}
}

var inputs = map[string]bool{hardware.Rate1: true, hardware.Rate2: true, hardware.Rate3: true, hardware.Rate4: true, hardware.Help: true,
	"key0": true, "key1": true, "key2": true, "key3": true, "key4": true, "key5": true, "key6": true, "key7": true, "key8": true, "key9": true, "key*": true, "key#": true}

// Command runs one control line and returns its answer:
//
//	press|release|click|long INPUT   (rate1..rate4, help)
//	hook up|down    motion
//	lux N   temp N   humidity N   cputemp N   (a sensor reads N; "none" makes it absent)
//	leds    backlight    (read back the LEDs and the backlight)
func (s *Sim) Command(line string) (string, error) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return "", errors.New("empty command")
	}
	arg := ""
	if len(f) > 1 {
		arg = f[1]
	}
	switch f[0] {
	case "press", "release", "click", "long":
		if !inputs[arg] {
			return "", fmt.Errorf("unknown input %q (rate1..rate4, help, key0..key9, key*, key#)", arg)
		}
		return "ok", s.button(f[0], arg)
	case "hook":
		switch arg {
		case "up":
			return "ok", s.emit(hardware.HookUp, hardware.Hook)
		case "down":
			return "ok", s.emit(hardware.HookDown, hardware.Hook)
		}
		return "", errors.New("hook up|down")
	case "motion":
		return "ok", s.emit(hardware.Moved, hardware.Motion)
	case "lux", "temp", "humidity", "cputemp":
		if err := s.sensor(f[0], arg); err != nil {
			return "", err
		}
		return "ok", nil
	case "leds":
		return s.ledsLine(), nil
	case "backlight":
		s.mu.Lock()
		defer s.mu.Unlock()
		return fmt.Sprintf("brightness=%d power=%v", s.bright, s.power), nil
	}
	return "", fmt.Errorf("unknown command %q", f[0])
}

// button emits what a press, release, click or long press of a button gives.
func (s *Sim) button(action, input string) error {
	kinds := map[string][]hardware.Kind{
		"press":   {hardware.Press},
		"release": {hardware.Release},
		"click":   {hardware.Press, hardware.Release},
		"long":    {hardware.Press, hardware.LongPress, hardware.Release},
	}[action]
	for _, k := range kinds {
		if err := s.emit(k, input); err != nil {
			return err
		}
	}
	return nil
}

// sensor makes a sensor read value ("none": absent).
func (s *Sim) sensor(name, value string) error {
	var v *float64
	if value != "none" {
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", name, value)
		}
		v = &x
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch name {
	case "lux":
		s.read.Lux = v
	case "temp":
		s.read.TempC = v
	case "humidity":
		s.read.Humidity = v
	case "cputemp":
		s.read.CPUTempC = v
	}
	return nil
}

// ledsLine is the LEDs' patterns, "name=pattern" sorted by name.
func (s *Sim) ledsLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var parts []string
	for n, p := range s.leds {
		parts = append(parts, n+"="+string(p))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// Serve answers control lines on a Unix socket at path until ctx ends: one
// answer line per command, "ok ..." or "error: ...".
func (s *Sim) Serve(ctx context.Context, path string) error {
	os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("sim socket: %w", err)
	}
	go func() {
		<-ctx.Done()
		ln.Close()
		os.Remove(path)
	}()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serveConn(c)
		}
	}()
	return nil
}

func (s *Sim) serveConn(c net.Conn) {
	defer c.Close()
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ans, err := s.Command(line)
		if err != nil {
			fmt.Fprintf(c, "error: %v\n", err)
			continue
		}
		fmt.Fprintf(c, "%s\n", ans)
	}
}

// KeyCommand maps a key typed in the kiosk window to a command: 1-4 the
// rating buttons, 5-9, 0, * and # the booth's keypad, h lifts or hangs up
// the handset, m is motion.
func (s *Sim) KeyCommand(r rune, hookUp *bool) string {
	switch r {
	case '1', '2', '3', '4':
		return "click rate" + string(r)
	case '5', '6', '7', '8', '9', '0', '*', '#':
		return "click " + hardware.KeyInput(byte(r)) // the booth's keypad
	case 'h':
		*hookUp = !*hookUp
		if *hookUp {
			return "hook up"
		}
		return "hook down"
	case 'm':
		return "motion"
	}
	return ""
}

// SetLED records an LED's pattern.
func (s *Sim) SetLED(name string, p hardware.Pattern) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.leds[name] = p
	return nil
}

// Read returns the simulated sensor values.
func (s *Sim) Read(context.Context) hardware.Reading {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.read
}

// SetBrightness records the brightness.
func (s *Sim) SetBrightness(p int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bright = p
	return nil
}

// SetPower records the screen's power.
func (s *Sim) SetPower(on bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.power = on
	return nil
}
