package kiosk_test

import (
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestValidateHardwareSection(t *testing.T) {
	testBadKeys(t, []badKey{
		{"buttons mounted in no known order", "hardware.buttons_order", func(c *kiosk.Config) { c.Hardware.ButtonsOrder = "left_to_right" }},
		{"one rate pin", "hardware.rate_pins", func(c *kiosk.Config) { c.Hardware.RatePins = []string{"GPIO5"} }},
		{"rate pin not a GPIO name", "hardware.rate_pins[2]", func(c *kiosk.Config) { c.Hardware.RatePins[2] = "pin 13" }},
		{"hook pin used twice", "hardware.hook_pin", func(c *kiosk.Config) { c.Hardware.HookPin = c.Hardware.HelpPin }},
		{"debounce too long", "hardware.debounce", func(c *kiosk.Config) { c.Hardware.Debounce = kiosk.Duration(5 * time.Second) }},
		{"minimum brightness over 100", "hardware.min_brightness", func(c *kiosk.Config) { c.Hardware.MinBright = 120 }},
	})
}
