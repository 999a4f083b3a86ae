package kiosk

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Role is where a kiosk stands.
type Role string

// The roles of a kiosk.
const (
	RoleWall  Role = "wall"  // at the residents' opinion wall (居民意见墙)
	RoleBooth Role = "booth" // in a fun phone booth (趣味电话亭), with a handset
)

// Languages the kiosk speaks.
var languages = []string{"zh", "en"}

// SupportedLanguage reports whether lang is a language the kiosk has texts for.
func SupportedLanguage(lang string) bool {
	for _, l := range languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Text is a label in each language.
type Text struct {
	Zh string `toml:"zh" json:"zh"`
	En string `toml:"en" json:"en,omitempty"`
}

// In returns the text in lang, falling back to Chinese.
func (t Text) In(lang string) string {
	if lang == "en" && t.En != "" {
		return t.En
	}
	return t.Zh
}

// Phrase is a preset phrase a resident can tap instead of typing.
type Phrase struct {
	ID   string `toml:"id" json:"id"`
	Text Text   `toml:"text" json:"text"`
}

// Topic is a category of opinion (or, in Services, a service to rate).
type Topic struct {
	ID      string   `toml:"id" json:"id"`
	Icon    string   `toml:"icon" json:"icon"`
	Name    Text     `toml:"name" json:"name"`
	Phrases []Phrase `toml:"phrases" json:"phrases,omitempty"`
}

// Street is a street or lane of the community with its buildings.
type Street struct {
	Name      string   `toml:"name" json:"name"`
	Buildings []string `toml:"buildings" json:"buildings"`
}

// BrightnessStep sets the screen's brightness from a time of day on.
type BrightnessStep struct {
	From  string `toml:"from" json:"from"`   // "HH:MM", local time
	Level int    `toml:"level" json:"level"` // percent, 0 turns the backlight off
}

// Duration is a time.Duration written as "90s" or "2m" in configuration.
type Duration time.Duration

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration such as \"90s\" or \"2m\": %q", b)
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// KioskSection is the kiosk's identity.
type KioskSection struct {
	ID              string   `toml:"id" json:"id"`
	Number          int      `toml:"number" json:"number"` // ticket code prefix, 10-99
	Role            Role     `toml:"role" json:"role"`
	Languages       []string `toml:"languages" json:"languages"`
	DefaultLanguage string   `toml:"default_language" json:"default_language"`
	AdminPIN        string   `toml:"admin_pin" json:"-"`
}

// SessionSection holds the timing of a resident's visit.
type SessionSection struct {
	IdleTimeout      Duration `toml:"idle_timeout" json:"idle_timeout"`           // no input this long ends a visit
	IdleWarning      Duration `toml:"idle_warning" json:"idle_warning"`           // countdown shown before that
	SubmittedTimeout Duration `toml:"submitted_timeout" json:"submitted_timeout"` // ticket code stays this long
	SlowFactor       float64  `toml:"slow_factor" json:"slow_factor"`             // large-text mode multiplies timeouts
	RatingMinGap     Duration `toml:"rating_min_gap" json:"rating_min_gap"`       // presses closer than this count once
	PlayBurst        int      `toml:"play_burst" json:"play_burst"`               // this many ratings...
	PlayWindow       Duration `toml:"play_window" json:"play_window"`             // ...within this window are play
	PlayStreak       int      `toml:"play_streak" json:"play_streak"`             // this many same-button ratings in a row are play
	TextLimit        int      `toml:"text_limit" json:"text_limit"`               // characters of free text
}

// StoreSection holds the local store's policy.
type StoreSection struct {
	RetentionDays int `toml:"retention_days" json:"retention_days"` // texts of acked submissions kept this long
	MaxMB         int `toml:"max_mb" json:"max_mb"`                 // cap on the database file; 0 means none
}

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
}

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
}

// Defaults returns the configuration every file is loaded over. The kiosk's
// id, number and admin PIN have no default: each kiosk must be given its own.
func Defaults() Config {
	return Config{
		Kiosk: KioskSection{
			Role:            RoleWall,
			Languages:       []string{"zh", "en"},
			DefaultLanguage: "zh",
		},
		Session: SessionSection{
			IdleTimeout:      Duration(90 * time.Second),
			IdleWarning:      Duration(15 * time.Second),
			SubmittedTimeout: Duration(30 * time.Second),
			SlowFactor:       2,
			RatingMinGap:     Duration(3 * time.Second),
			PlayBurst:        8,
			PlayWindow:       Duration(30 * time.Second),
			PlayStreak:       6,
			TextLimit:        DefaultTextLimit,
		},
		Store: StoreSection{RetentionDays: 30},
		Hardware: HardwareSection{
			RatePins: []string{"GPIO5", "GPIO6", "GPIO13", "GPIO19"}, HelpPin: "GPIO26", HookPin: "GPIO21", MotionPin: "GPIO20",
			LEDPins: []string{"GPIO12", "GPIO16", "GPIO17", "GPIO27"}, StatusLED: "GPIO25", I2CBus: "1",
			Debounce: Duration(30 * time.Millisecond), LongPress: Duration(2 * time.Second), SensorEvery: Duration(time.Minute),
			DimAfter: Duration(5 * time.Minute), OffAfter: Duration(15 * time.Minute), MinBright: 10, MaxBright: 100,
		},
		Topics:        defaultTopics(),
		Services:      defaultServices(),
		RatingReasons: defaultRatingReasons(),
		Brightness: []BrightnessStep{
			{From: "06:30", Level: 80},
			{From: "19:00", Level: 100},
			{From: "23:00", Level: 40},
		},
	}
}

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	pinPattern   = regexp.MustCompile(`^GPIO[0-9]{1,2}$`)
)

// ConfigError lists every problem of a configuration, each naming its key.
type ConfigError struct {
	Problems []string
}

func (e *ConfigError) Error() string {
	return "invalid configuration:\n  " + strings.Join(e.Problems, "\n  ")
}

// Validate checks every value and returns a *ConfigError naming each bad key
// and why, or nil.
func (c *Config) Validate() error {
	var p []string
	bad := func(key, format string, args ...any) {
		p = append(p, key+": "+fmt.Sprintf(format, args...))
	}
	if c.Version < 0 {
		bad("version", "must not be negative")
	}
	k := &c.Kiosk
	if !ValidKioskID(k.ID) {
		bad("kiosk.id", "must be 1 to 32 of a-z, 0-9 and '-' (got %q)", k.ID)
	}
	if k.Number < MinKioskNumber || k.Number > MaxKioskNumber {
		bad("kiosk.number", "must be between %d and %d, unique at the station (got %d)", MinKioskNumber, MaxKioskNumber, k.Number)
	}
	if k.Role != RoleWall && k.Role != RoleBooth {
		bad("kiosk.role", "must be %q or %q (got %q)", RoleWall, RoleBooth, k.Role)
	}
	if len(k.Languages) == 0 {
		bad("kiosk.languages", "must name at least one language")
	}
	for _, l := range k.Languages {
		if !SupportedLanguage(l) {
			bad("kiosk.languages", "%q is not supported (supported: %s)", l, strings.Join(languages, ", "))
		}
	}
	if !contains(k.Languages, k.DefaultLanguage) {
		bad("kiosk.default_language", "must be one of kiosk.languages (got %q)", k.DefaultLanguage)
	}
	if err := checkPIN(k.AdminPIN); err != "" {
		bad("kiosk.admin_pin", "%s", err)
	}

	s := &c.Session
	durationIn(bad, "session.idle_timeout", s.IdleTimeout, 20*time.Second, 30*time.Minute)
	durationIn(bad, "session.idle_warning", s.IdleWarning, 3*time.Second, 2*time.Minute)
	if s.IdleWarning >= s.IdleTimeout {
		bad("session.idle_warning", "must be shorter than session.idle_timeout")
	}
	durationIn(bad, "session.submitted_timeout", s.SubmittedTimeout, 5*time.Second, 10*time.Minute)
	if s.SlowFactor < 1 || s.SlowFactor > 5 {
		bad("session.slow_factor", "must be between 1 and 5 (got %g)", s.SlowFactor)
	}
	durationIn(bad, "session.rating_min_gap", s.RatingMinGap, 0, time.Minute)
	if s.PlayBurst < 2 {
		bad("session.play_burst", "must be at least 2 (got %d)", s.PlayBurst)
	}
	durationIn(bad, "session.play_window", s.PlayWindow, time.Second, time.Hour)
	if s.PlayStreak < 2 {
		bad("session.play_streak", "must be at least 2 (got %d)", s.PlayStreak)
	}
	if s.TextLimit < 10 || s.TextLimit > 2000 {
		bad("session.text_limit", "must be between 10 and 2000 characters (got %d)", s.TextLimit)
	}
	if c.Store.RetentionDays < 1 || c.Store.RetentionDays > 3650 {
		bad("store.retention_days", "must be between 1 and 3650 (got %d)", c.Store.RetentionDays)
	}
	if c.Store.MaxMB < 0 || c.Store.MaxMB > 1<<20 {
		bad("store.max_mb", "must be 0 (no cap) or a size in MiB up to 1048576 (got %d)", c.Store.MaxMB)
	}

	h := &c.Hardware
	if len(h.RatePins) != 0 && len(h.RatePins) != 4 {
		bad("hardware.rate_pins", "must name four pins, very dissatisfied to very satisfied, or none (got %d)", len(h.RatePins))
	}
	if len(h.LEDPins) != 0 && len(h.LEDPins) != 4 {
		bad("hardware.led_pins", "must name four pins, one per rating button, or none (got %d)", len(h.LEDPins))
	}
	pinSeen := map[string]string{}
	checkPin := func(key, pin string) {
		if pin == "" {
			return
		}
		if !pinPattern.MatchString(pin) {
			bad(key, "must be a GPIO name such as \"GPIO5\" (got %q)", pin)
		} else if other, dup := pinSeen[pin]; dup {
			bad(key, "%s is already used by %s", pin, other)
		}
		pinSeen[pin] = key
	}
	for i, p := range h.RatePins {
		checkPin(fmt.Sprintf("hardware.rate_pins[%d]", i), p)
	}
	checkPin("hardware.help_pin", h.HelpPin)
	checkPin("hardware.hook_pin", h.HookPin)
	checkPin("hardware.motion_pin", h.MotionPin)
	for i, p := range h.LEDPins {
		checkPin(fmt.Sprintf("hardware.led_pins[%d]", i), p)
	}
	checkPin("hardware.status_led", h.StatusLED)
	durationIn(bad, "hardware.debounce", h.Debounce, time.Millisecond, time.Second)
	durationIn(bad, "hardware.long_press", h.LongPress, 500*time.Millisecond, time.Minute)
	durationIn(bad, "hardware.sensor_every", h.SensorEvery, 5*time.Second, time.Hour)
	durationIn(bad, "hardware.dim_after", h.DimAfter, 0, 24*time.Hour)
	durationIn(bad, "hardware.off_after", h.OffAfter, 0, 24*time.Hour)
	if h.OffAfter > 0 && h.DimAfter > h.OffAfter {
		bad("hardware.dim_after", "must not be longer than hardware.off_after")
	}
	if h.MinBright < 0 || h.MinBright > h.MaxBright || h.MaxBright > 100 {
		bad("hardware.min_brightness", "must satisfy 0 <= min_brightness <= max_brightness <= 100 (got %d and %d)", h.MinBright, h.MaxBright)
	}
	if len(c.Topics) == 0 {
		bad("topics", "must list at least one topic")
	}
	checkTopics(bad, "topics", c.Topics)
	checkTopics(bad, "services", c.Services)
	checkPhrases(bad, "rating_reasons", c.RatingReasons)
	streets := map[string]bool{}
	for i, st := range c.Streets {
		key := fmt.Sprintf("streets[%d]", i)
		if strings.TrimSpace(st.Name) == "" {
			bad(key+".name", "must not be empty")
		} else if streets[st.Name] {
			bad(key+".name", "%q is listed twice", st.Name)
		}
		streets[st.Name] = true
		seen := map[string]bool{}
		for j, b := range st.Buildings {
			if strings.TrimSpace(b) == "" || seen[b] {
				bad(fmt.Sprintf("%s.buildings[%d]", key, j), "must be a name given once (got %q)", b)
			}
			seen[b] = true
		}
	}
	froms := map[string]bool{}
	for i, b := range c.Brightness {
		key := fmt.Sprintf("brightness[%d]", i)
		if !clockPattern.MatchString(b.From) {
			bad(key+".from", "must be a time of day HH:MM (got %q)", b.From)
		} else if froms[b.From] {
			bad(key+".from", "%s is listed twice", b.From)
		}
		froms[b.From] = true
		if b.Level < 0 || b.Level > 100 {
			bad(key+".level", "must be a percentage 0-100 (got %d)", b.Level)
		}
	}
	if len(p) > 0 {
		return &ConfigError{Problems: p}
	}
	return nil
}

func durationIn(bad func(string, string, ...any), key string, d Duration, lo, hi time.Duration) {
	if d.D() < lo || d.D() > hi {
		bad(key, "must be between %s and %s (got %s)", lo, hi, d.D())
	}
}

func checkTopics(bad func(string, string, ...any), key string, ts []Topic) {
	seen := map[string]bool{}
	for i, t := range ts {
		k := fmt.Sprintf("%s[%d]", key, i)
		if !idPattern.MatchString(t.ID) {
			bad(k+".id", "must be 1 to 32 of a-z, 0-9, '_' and '-' (got %q)", t.ID)
		} else if seen[t.ID] {
			bad(k+".id", "%q is listed twice", t.ID)
		}
		seen[t.ID] = true
		if !idPattern.MatchString(t.Icon) {
			bad(k+".icon", "must name an icon (got %q)", t.Icon)
		}
		if strings.TrimSpace(t.Name.Zh) == "" {
			bad(k+".name.zh", "must not be empty")
		}
		checkPhrases(bad, k+".phrases", t.Phrases)
	}
}

func checkPhrases(bad func(string, string, ...any), key string, ps []Phrase) {
	seen := map[string]bool{}
	for i, ph := range ps {
		k := fmt.Sprintf("%s[%d]", key, i)
		if !idPattern.MatchString(ph.ID) {
			bad(k+".id", "must be 1 to 32 of a-z, 0-9, '_' and '-' (got %q)", ph.ID)
		} else if seen[ph.ID] {
			bad(k+".id", "%q is listed twice", ph.ID)
		}
		seen[ph.ID] = true
		if strings.TrimSpace(ph.Text.Zh) == "" {
			bad(k+".text.zh", "must not be empty")
		}
	}
}

// checkPIN returns why pin is not acceptable, or "".
func checkPIN(pin string) string {
	if pin == "" {
		return "must be set: 6 to 8 digits, different for every kiosk"
	}
	if len(pin) < 6 || len(pin) > 8 {
		return fmt.Sprintf("must be 6 to 8 digits (got %d characters)", len(pin))
	}
	for i := 0; i < len(pin); i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return "must be digits only"
		}
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		same = same && pin[i] == pin[0]
		up = up && pin[i] == pin[i-1]+1
		down = down && pin[i] == pin[i-1]-1
	}
	if same || up || down {
		return "is too easy to guess (all one digit, or a run such as 123456)"
	}
	return ""
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// Topic returns the opinion topic with the given id.
func (c *Config) Topic(id string) (Topic, bool) { return findTopic(c.Topics, id) }

// Service returns the rated service with the given id.
func (c *Config) Service(id string) (Topic, bool) { return findTopic(c.Services, id) }

func findTopic(ts []Topic, id string) (Topic, bool) {
	for _, t := range ts {
		if t.ID == id {
			return t, true
		}
	}
	return Topic{}, false
}

// HasLocation reports whether the street and building are configured; a
// street with no buildings listed accepts any building name.
func (c *Config) HasLocation(l Location) bool {
	for _, st := range c.Streets {
		if st.Name == l.Street {
			return l.Building == "" || len(st.Buildings) == 0 || contains(st.Buildings, l.Building)
		}
	}
	return false
}

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

// ErrNoConfig is returned by loaders when no configuration file exists.
var ErrNoConfig = errors.New("no configuration file")
