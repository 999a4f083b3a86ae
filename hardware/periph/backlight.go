package periph

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"opinionwall/hardware"
)

// Backlight drives /sys/class/backlight/<device>/ (brightness,
// max_brightness, bl_power). Without one (an HDMI screen) it falls back to
// X11 DPMS for power, and brightness does nothing.
type Backlight struct {
	Dir string // the device directory; "" for the DPMS fallback
	max int
}

var _ hardware.Backlight = (*Backlight)(nil)

// FindBacklight returns the first backlight under root (normally
// /sys/class/backlight), or the DPMS fallback when there is none.
func FindBacklight(root string) (*Backlight, error) {
	dirs, _ := filepath.Glob(filepath.Join(root, "*"))
	for _, d := range dirs {
		b := &Backlight{Dir: d}
		m, err := readInt(filepath.Join(d, "max_brightness"))
		if err != nil || m <= 0 {
			continue
		}
		b.max = m
		return b, nil
	}
	return &Backlight{}, nil
}

// SetBrightness sets the brightness in percent, 0-100.
func (b *Backlight) SetBrightness(percent int) error {
	if b.Dir == "" {
		return nil
	}
	percent = max(0, min(100, percent))
	v := (b.max*percent + 50) / 100
	return os.WriteFile(filepath.Join(b.Dir, "brightness"), []byte(strconv.Itoa(v)), 0o644)
}

// SetPower turns the screen on or off (bl_power 0 is on, 4 is off).
func (b *Backlight) SetPower(on bool) error {
	if b.Dir == "" {
		arg := "off"
		if on {
			arg = "on"
		}
		if out, err := exec.Command("xset", "dpms", "force", arg).CombinedOutput(); err != nil {
			return fmt.Errorf("backlight: xset dpms force %s: %v: %s", arg, err, out)
		}
		return nil
	}
	v := "4"
	if on {
		v = "0"
	}
	return os.WriteFile(filepath.Join(b.Dir, "bl_power"), []byte(v), 0o644)
}

func readInt(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(b)))
}
