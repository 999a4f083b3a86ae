package kiosk

import (
	"fmt"
	"regexp"
	"sort"
	"time"
)

// BrightnessStep sets the screen's brightness from a time of day on.
type BrightnessStep struct {
	From  string `toml:"from" json:"from"`   // "HH:MM", local time
	Level int    `toml:"level" json:"level"` // percent, 0 turns the backlight off
}

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// BrightnessAt returns the screen brightness (percent) the schedule gives
// for the local time of day of t; 100 when there is no schedule.
func (c *Config) BrightnessAt(t time.Time) int {
	if len(c.Brightness) == 0 {
		return 100
	}
	steps := append([]BrightnessStep(nil), c.Brightness...)
	sort.Slice(steps, func(i, j int) bool { return steps[i].From < steps[j].From })
	now := t.Format("15:04")
	level := steps[len(steps)-1].Level // before the first step: yesterday's last one
	for _, s := range steps {
		if s.From <= now {
			level = s.Level
		}
	}
	return level
}

// validateBrightness checks that each step starts at a time of day given
// once and sets a percentage.
func validateBrightness(p *problems, steps []BrightnessStep) {
	froms := map[string]bool{}
	for i, b := range steps {
		key := fmt.Sprintf("brightness[%d]", i)
		if !clockPattern.MatchString(b.From) {
			p.add(key+".from", "must be a time of day HH:MM (got %q)", b.From)
		} else if froms[b.From] {
			p.add(key+".from", "%s is listed twice", b.From)
		}
		froms[b.From] = true
		if b.Level < 0 || b.Level > 100 {
			p.add(key+".level", "must be a percentage 0-100 (got %d)", b.Level)
		}
	}
}
