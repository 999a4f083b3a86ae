package hardware

import "time"

// Screen manages the backlight: brightness follows the schedule and the
// ambient light, and at night a screen nobody has used or walked past for
// DimAfter dims, then after OffAfter turns off, until motion or a touch.
type Screen struct {
	Backlight Backlight
	DimAfter  time.Duration
	OffAfter  time.Duration
	Min, Max  int // the brightness range, percent
	Now       func() time.Time

	last    time.Time // last activity
	applied int       // brightness last set; -1 before any
	powered bool
	started bool
}

// Activity records motion or input: the screen comes back at once.
func (s *Screen) Activity() {
	s.last = s.Now()
	if s.started && !s.powered {
		s.setPower(true)
	}
}

// Update applies the brightness for the schedule's level (0-100) and the
// ambient light (nil when there is no light sensor), and dims or turns off
// a neglected screen at night. It returns the brightness applied (0: off).
func (s *Screen) Update(scheduleLevel int, lux *float64, night bool) int {
	if !s.started {
		s.started, s.applied, s.last = true, -1, s.Now()
		s.setPower(true)
	}
	idle := s.Now().Sub(s.last)
	if night && s.OffAfter > 0 && idle >= s.OffAfter {
		if s.powered {
			s.setPower(false)
		}
		return 0
	}
	if !s.powered {
		s.setPower(true)
	}
	level := autoBrightness(scheduleLevel, lux, s.Min, s.Max)
	if night && s.DimAfter > 0 && idle >= s.DimAfter {
		level = s.Min
	}
	if level != s.applied {
		if s.Backlight.SetBrightness(level) == nil {
			s.applied = level
		}
	}
	return level
}

func (s *Screen) setPower(on bool) {
	if s.Backlight.SetPower(on) == nil {
		s.powered = on
	}
}

// autoBrightness is the schedule's level scaled by the ambient light: full
// at 400 lx and brighter (daylight at the wall), the minimum in the dark,
// always within [min, max].
func autoBrightness(scheduleLevel int, lux *float64, lo, hi int) int {
	level := scheduleLevel
	if lux != nil {
		f := min(max(*lux/400, 0), 1)
		level = lo + int(f*float64(scheduleLevel-lo)+0.5)
	}
	return max(lo, min(hi, level))
}
