package kiosk

import (
	"fmt"
	"regexp"
	"time"
)

// HardwareSection names the pins and timings of the physical inputs and
// outputs (Raspberry Pi GPIO names such as "GPIO5"); "" leaves one out.
type HardwareSection struct {
	RatePins    []string `toml:"rate_pins" json:"rate_pins"`   // the four rating buttons, very dissatisfied to very satisfied
	HelpPin     string   `toml:"help_pin" json:"help_pin"`     // the OK/help button
	HookPin     string   `toml:"hook_pin" json:"hook_pin"`     // the booth handset's hook switch
	MotionPin   string   `toml:"motion_pin" json:"motion_pin"` // the PIR sensor
	LEDPins     []string `toml:"led_pins" json:"led_pins"`     // one LED per rating button
	StatusLED   string   `toml:"status_led" json:"status_led"` //
	I2CBus      string   `toml:"i2c_bus" json:"i2c_bus"`       // "1" on a Pi; "" for no sensors
	Debounce    Duration `toml:"debounce" json:"debounce"`     // a level must hold this long
	LongPress   Duration `toml:"long_press" json:"long_press"` //
	SensorEvery Duration `toml:"sensor_every" json:"sensor_every"`
	DimAfter    Duration `toml:"dim_after" json:"dim_after"` // at night, no one for this long: dim
	OffAfter    Duration `toml:"off_after" json:"off_after"` // then off, until motion or a touch
	MinBright   int      `toml:"min_brightness" json:"min_brightness"`
	MaxBright   int      `toml:"max_brightness" json:"max_brightness"`
	// ButtonsOrder says how the four rating buttons are mounted, left to
	// right: the screen shows its faces in the same order.
	ButtonsOrder ButtonsOrder `toml:"buttons_order" json:"buttons_order"`
}

// ButtonsOrder is the left-to-right order of the mounted rating buttons.
type ButtonsOrder string

// The two orders.
const (
	DissatisfiedFirst ButtonsOrder = "dissatisfied_first" // very dissatisfied on the left
	SatisfiedFirst    ButtonsOrder = "satisfied_first"    // very satisfied on the left
)

// LeftToRight returns the four levels in the order the buttons are mounted.
func (o ButtonsOrder) LeftToRight() []Rating {
	if o == SatisfiedFirst {
		return []Rating{RatingVerySatisfied, RatingSatisfied, RatingDissatisfied, RatingVeryDissatisfied}
	}
	return []Rating{RatingVeryDissatisfied, RatingDissatisfied, RatingSatisfied, RatingVerySatisfied}
}

var pinPattern = regexp.MustCompile(`^GPIO[0-9]{1,2}$`)

func (h *HardwareSection) validate(p *problems) {
	if len(h.RatePins) != 0 && len(h.RatePins) != 4 {
		p.add("hardware.rate_pins", "must name four pins, very dissatisfied to very satisfied, or none (got %d)", len(h.RatePins))
	}
	if len(h.LEDPins) != 0 && len(h.LEDPins) != 4 {
		p.add("hardware.led_pins", "must name four pins, one per rating button, or none (got %d)", len(h.LEDPins))
	}
	if h.ButtonsOrder != DissatisfiedFirst && h.ButtonsOrder != SatisfiedFirst {
		p.add("hardware.buttons_order", "must be %q or %q (got %q)", DissatisfiedFirst, SatisfiedFirst, h.ButtonsOrder)
	}
	h.validatePins(p)
	p.durationIn("hardware.debounce", h.Debounce, time.Millisecond, time.Second)
	p.durationIn("hardware.long_press", h.LongPress, 500*time.Millisecond, time.Minute)
	p.durationIn("hardware.sensor_every", h.SensorEvery, 5*time.Second, time.Hour)
	p.durationIn("hardware.dim_after", h.DimAfter, 0, 24*time.Hour)
	p.durationIn("hardware.off_after", h.OffAfter, 0, 24*time.Hour)
	if h.OffAfter > 0 && h.DimAfter > h.OffAfter {
		p.add("hardware.dim_after", "must not be longer than hardware.off_after")
	}
	if h.MinBright < 0 || h.MinBright > h.MaxBright || h.MaxBright > 100 {
		p.add("hardware.min_brightness", "must satisfy 0 <= min_brightness <= max_brightness <= 100 (got %d and %d)", h.MinBright, h.MaxBright)
	}
}

// validatePins checks that every pin given is a GPIO name used once.
func (h *HardwareSection) validatePins(p *problems) {
	seen := map[string]string{}
	check := func(key, pin string) {
		if pin == "" {
			return
		}
		if !pinPattern.MatchString(pin) {
			p.add(key, "must be a GPIO name such as \"GPIO5\" (got %q)", pin)
		} else if other, dup := seen[pin]; dup {
			p.add(key, "%s is already used by %s", pin, other)
		}
		seen[pin] = key
	}
	for i, pin := range h.RatePins {
		check(fmt.Sprintf("hardware.rate_pins[%d]", i), pin)
	}
	check("hardware.help_pin", h.HelpPin)
	check("hardware.hook_pin", h.HookPin)
	check("hardware.motion_pin", h.MotionPin)
	for i, pin := range h.LEDPins {
		check(fmt.Sprintf("hardware.led_pins[%d]", i), pin)
	}
	check("hardware.status_led", h.StatusLED)
}
