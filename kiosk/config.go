package kiosk

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Config is a kiosk's configuration: loaded from a TOML file over Defaults,
// later replaced by signed configuration from the hub.
type Config struct {
	Version       int64            `toml:"version" json:"version"` // 0 for a local file
	Kiosk         KioskSection     `toml:"kiosk" json:"kiosk"`
	Session       SessionSection   `toml:"session" json:"session"`
	Store         StoreSection     `toml:"store" json:"store"`
	Hardware      HardwareSection  `toml:"hardware" json:"hardware"`
	Topics        []Topic          `toml:"topics" json:"topics"`
	Services      []Topic          `toml:"services" json:"services"`
	RatingReasons []Phrase         `toml:"rating_reasons" json:"rating_reasons"`
	Streets       []Street         `toml:"streets" json:"streets"`
	Brightness    []BrightnessStep `toml:"brightness" json:"brightness"`
	Station       StationSection   `toml:"station" json:"station"`
	Receipt       ReceiptSection   `toml:"receipt" json:"receipt"`
	Lookup        LookupSection    `toml:"lookup" json:"lookup"`
	Screen        ScreenSection    `toml:"screen" json:"screen"`
	Booth         BoothSection     `toml:"booth" json:"booth"`
}

// ErrNoConfig is returned by loaders when no configuration file exists.
var ErrNoConfig = errors.New("no configuration file")

// ConfigError lists every problem of a configuration, each naming its key.
type ConfigError struct {
	Problems []string
}

func (e *ConfigError) Error() string {
	return "invalid configuration:\n  " + strings.Join(e.Problems, "\n  ")
}

// Validate checks every value and returns a *ConfigError naming each bad key
// and why, or nil. Each section checks itself; the order of the problems is
// the order of the file.
func (c *Config) Validate() error {
	var p problems
	if c.Version < 0 {
		p.add("version", "must not be negative")
	}
	c.Kiosk.validate(&p)
	c.Session.validate(&p)
	c.Store.validate(&p)
	c.Hardware.validate(&p)
	c.Booth.validate(&p)
	if len(c.Topics) == 0 {
		p.add("topics", "must list at least one topic")
	}
	validateTopics(&p, "topics", c.Topics)
	validateTopics(&p, "services", c.Services)
	validatePhrases(&p, "rating_reasons", c.RatingReasons)
	validateStreets(&p, c.Streets)
	validateBrightness(&p, c.Brightness)
	c.Station.validate(&p)
	c.Receipt.validate(&p)
	c.Lookup.validate(&p)
	c.Screen.validate(&p)
	if len(p) > 0 {
		return &ConfigError{Problems: p}
	}
	return nil
}

// problems collects what is wrong with a configuration, one line per
// problem, each starting with the key it is about.
type problems []string

func (p *problems) add(key, format string, args ...any) {
	*p = append(*p, key+": "+fmt.Sprintf(format, args...))
}

// durationIn adds a problem when d is outside [lo, hi].
func (p *problems) durationIn(key string, d Duration, lo, hi time.Duration) {
	if d.D() < lo || d.D() > hi {
		p.add(key, "must be between %s and %s (got %s)", lo, hi, d.D())
	}
}

// idPattern is what topic, service and phrase ids and icon names look like.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
