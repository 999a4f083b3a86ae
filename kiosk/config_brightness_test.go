package kiosk_test

import (
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestValidateBrightness(t *testing.T) {
	testBadKeys(t, []badKey{
		{"hour 25", "brightness[0].from", func(c *kiosk.Config) { c.Brightness[0].From = "25:00" }},
		{"level over 100", "brightness[1].level", func(c *kiosk.Config) { c.Brightness[1].Level = 101 }},
	})
}

func TestBrightnessAt(t *testing.T) {
	c := validConfig() // 06:30 80, 19:00 100, 23:00 40
	for clock, want := range map[string]int{"00:10": 40, "06:29": 40, "06:30": 80, "12:00": 80, "19:00": 100, "23:59": 40} {
		t.Run(clock, func(t *testing.T) {
			tm, _ := time.Parse("15:04", clock)
			if got := c.BrightnessAt(tm); got != want {
				t.Errorf("BrightnessAt(%s) = %d, want %d", clock, got, want)
			}
		})
	}
}
