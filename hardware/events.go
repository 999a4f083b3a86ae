package hardware

import (
	"context"
	"time"
)

// Input names: the four rating buttons (rate1 very dissatisfied … rate4
// very satisfied, as kiosk.Rating), the OK/help button, the booth
// handset's hook switch, and the motion sensor.
const (
	Rate1  = "rate1"
	Rate2  = "rate2"
	Rate3  = "rate3"
	Rate4  = "rate4"
	Help   = "help"
	Hook   = "hook"
	Motion = "motion"
)

// Kind is what happened to an input.
type Kind string

// Event kinds.
const (
	Press     Kind = "press"
	Release   Kind = "release"
	LongPress Kind = "long_press" // still held after the long-press time
	HookUp    Kind = "hook_up"    // the handset was lifted
	HookDown  Kind = "hook_down"  // the handset was hung up
	Moved     Kind = "motion"     // the motion sensor saw someone
)

// Event is one clean input event.
type Event struct {
	Kind  Kind
	Input string
	At    time.Time
}

// Inputs delivers events from buttons, the hook switch and the motion
// sensor until Close.
type Inputs interface {
	Events() <-chan Event
}

// Pattern is how an LED shows.
type Pattern string

// LED patterns.
const (
	Off   Pattern = "off"
	On    Pattern = "on"
	Blink Pattern = "blink" // 1 Hz
	Thank Pattern = "thank" // a short pulse after a rating: "thank you"
	Fault Pattern = "error" // fast blink: something is wrong
)

// LEDs sets the pattern of a named LED (rate1..rate4, status).
type LEDs interface {
	SetLED(name string, p Pattern) error
}

// Reading is what the sensors said; nil fields are sensors that are absent
// or failed.
type Reading struct {
	Lux      *float64
	TempC    *float64
	Humidity *float64
	CPUTempC *float64
	Errors   []string // what failed, for telemetry
}

// Sensors reads the light and climate sensors and the CPU temperature.
type Sensors interface {
	Read(ctx context.Context) Reading
}

// Backlight is the screen's brightness, 0-100, and its power.
type Backlight interface {
	SetBrightness(percent int) error
	SetPower(on bool) error
}
