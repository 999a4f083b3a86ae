package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"periph.io/x/conn/v3/i2c"
	"periph.io/x/conn/v3/i2c/i2creg"
	"periph.io/x/host/v3"

	"opinionwall/hardware"
	"opinionwall/hardware/periph"
	"opinionwall/hardware/sim"
	"opinionwall/kiosk"
)

// kit is the kiosk's hardware, real or simulated.
type kit struct {
	backend   string
	inputs    hardware.Inputs
	leds      hardware.LEDs
	sensors   hardware.Sensors
	backlight hardware.Backlight
	sim       *sim.Sim // the simulated backend, for window keys
	closers   []func() error

	mu   sync.Mutex
	last hardware.Reading
}

// openHardware opens the backend: periph on a Pi (GPIO chips present),
// the simulation elsewhere or when asked; simSocket serves the simulation's
// control socket.
func openHardware(ctx context.Context, backend, simSocket string, cfg *kiosk.Config, log *slog.Logger) (*kit, error) {
	if backend == "auto" {
		backend = "sim"
		if chips, _ := filepath.Glob("/dev/gpiochip*"); len(chips) > 0 {
			backend = "periph"
		}
	}
	k := &kit{backend: backend}
	switch backend {
	case "sim":
		s := sim.New()
		k.inputs, k.leds, k.sensors, k.backlight, k.sim = s, s, s, s, s
		if simSocket != "" {
			if err := s.Serve(ctx, simSocket); err != nil {
				return nil, err
			}
			log.Info("simulated hardware: control socket", "path", simSocket)
		}
	case "periph":
		if err := k.openPeriph(cfg, log); err != nil {
			k.Close()
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown hardware backend %q (auto, periph or sim)", backend)
	}
	return k, nil
}

func (k *kit) openPeriph(cfg *kiosk.Config, log *slog.Logger) error {
	if _, err := host.Init(); err != nil {
		return fmt.Errorf("periph: %w", err)
	}
	h := cfg.Hardware
	g := &periph.GPIO{Debounce: h.Debounce.D(), LongPress: h.LongPress.D(), LEDs: map[string]string{}}
	for i, pin := range h.RatePins {
		g.Inputs = append(g.Inputs, periph.InputPin{Input: fmt.Sprintf("rate%d", i+1), Pin: pin, ActiveLow: true})
	}
	if h.HelpPin != "" {
		g.Inputs = append(g.Inputs, periph.InputPin{Input: hardware.Help, Pin: h.HelpPin, ActiveLow: true})
	}
	if h.HookPin != "" && cfg.Kiosk.Role == kiosk.RoleBooth {
		g.Inputs = append(g.Inputs, periph.InputPin{Input: hardware.Hook, Pin: h.HookPin, ActiveLow: true})
	}
	if h.MotionPin != "" {
		g.Inputs = append(g.Inputs, periph.InputPin{Input: hardware.Motion, Pin: h.MotionPin})
	}
	for i, pin := range h.LEDPins {
		g.LEDs[fmt.Sprintf("rate%d", i+1)] = pin
	}
	if h.StatusLED != "" {
		g.LEDs["status"] = h.StatusLED
	}
	if err := g.Open(); err != nil {
		return err
	}
	k.inputs, k.leds = g, g
	k.closers = append(k.closers, g.Close)
	k.openKeypad(cfg, log)
	s := &periph.Sensors{ThermalFS: "/sys/class/thermal/thermal_zone0/temp"}
	if h.I2CBus != "" {
		if bus, err := i2creg.Open(h.I2CBus); err != nil {
			log.Warn("no I2C bus: light and climate sensors left out", "bus", h.I2CBus, "err", err)
		} else {
			k.closers = append(k.closers, bus.Close)
			s.Light = &periph.BH1750{Dev: &i2c.Dev{Bus: bus, Addr: periph.BH1750Addr}}
			s.Climate = &periph.SHT3x{Dev: &i2c.Dev{Bus: bus, Addr: periph.SHT3xAddr}}
		}
	}
	k.sensors = s
	bl, err := periph.FindBacklight("/sys/class/backlight")
	if err != nil {
		return err
	}
	k.backlight = bl
	return nil
}

// Close releases the pins and the bus.
func (k *kit) Close() error {
	var first error
	for _, c := range k.closers {
		if err := c(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Reading returns the last sensor reading.
func (k *kit) Reading() hardware.Reading {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.last
}

// sense reads the sensors on a schedule and keeps the screen's brightness
// with the schedule, the ambient light and the night.
func (k *kit) sense(ctx context.Context, cfg *kiosk.Config, screen *hardware.Screen, onScreen func(func()), log *slog.Logger) {
	every := cfg.Hardware.SensorEvery.D()
	t := time.NewTicker(min(every, 10*time.Second))
	defer t.Stop()
	var lastRead time.Time
	for {
		now := time.Now()
		if now.Sub(lastRead) >= every {
			r := k.sensors.Read(ctx)
			if len(r.Errors) > 0 {
				log.Warn("sensors", "errors", r.Errors)
			}
			k.mu.Lock()
			k.last = r
			k.mu.Unlock()
			lastRead = now
		}
		level := cfg.BrightnessAt(now)
		lux := k.Reading().Lux
		onScreen(func() { screen.Update(level, lux, level < 50) })
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// hardwareTest blinks every LED and reads the sensors once: the admin
// screen's hardware test.
func (k *kit) hardwareTest(ctx context.Context) string {
	for _, name := range []string{"rate1", "rate2", "rate3", "rate4", "status"} {
		if k.leds.SetLED(name, hardware.Blink) == nil {
			defer k.leds.SetLED(name, hardware.Off)
		}
	}
	r := k.sensors.Read(ctx)
	return fmt.Sprintf("%s: LEDs blinking; %s", k.backend, describeReading(r))
}

func describeReading(r hardware.Reading) string {
	f := func(v *float64, unit string) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprintf("%.1f%s", *v, unit)
	}
	s := fmt.Sprintf("light %s, temperature %s, humidity %s, CPU %s", f(r.Lux, " lx"), f(r.TempC, " °C"), f(r.Humidity, " %"), f(r.CPUTempC, " °C"))
	if len(r.Errors) > 0 {
		s += fmt.Sprintf(" (%d sensors failed)", len(r.Errors))
	}
	return s
}
