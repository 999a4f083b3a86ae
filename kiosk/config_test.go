package kiosk_test

import (
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func validConfig() kiosk.Config {
	c := kiosk.Defaults()
	c.Kiosk.ID, c.Kiosk.Number, c.Kiosk.AdminPIN = "wall-01", 12, "482913"
	c.Streets = []kiosk.Street{{Name: "大和路", Buildings: []string{"1栋", "2栋"}}, {Name: "二巷"}}
	return c
}

func TestDefaultsNeedOnlyIdentity(t *testing.T) {
	c := validConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults with id, number and PIN: %v", err)
	}
	bare := kiosk.Defaults()
	err := bare.Validate()
	if err == nil {
		t.Fatal("defaults without identity accepted")
	}
	for _, key := range []string{"kiosk.id", "kiosk.number", "kiosk.admin_pin"} {
		if !strings.Contains(err.Error(), key+":") {
			t.Errorf("error does not name %s:\n%v", key, err)
		}
	}
}

func TestValidateNamesEachBadKey(t *testing.T) {
	tests := []struct {
		key    string
		change func(c *kiosk.Config)
	}{
		{"kiosk.id", func(c *kiosk.Config) { c.Kiosk.ID = "Wall 01" }},
		{"kiosk.number", func(c *kiosk.Config) { c.Kiosk.Number = 100 }},
		{"kiosk.role", func(c *kiosk.Config) { c.Kiosk.Role = "bench" }},
		{"kiosk.languages", func(c *kiosk.Config) { c.Kiosk.Languages = []string{"zh", "fr"} }},
		{"kiosk.default_language", func(c *kiosk.Config) { c.Kiosk.Languages = []string{"en"} }},
		{"kiosk.admin_pin", func(c *kiosk.Config) { c.Kiosk.AdminPIN = "123456" }},
		{"kiosk.admin_pin", func(c *kiosk.Config) { c.Kiosk.AdminPIN = "12ab56" }},
		{"session.idle_timeout", func(c *kiosk.Config) { c.Session.IdleTimeout = kiosk.Duration(time.Second) }},
		{"session.idle_warning", func(c *kiosk.Config) { c.Session.IdleWarning = c.Session.IdleTimeout }},
		{"session.slow_factor", func(c *kiosk.Config) { c.Session.SlowFactor = 0.5 }},
		{"session.rating_min_gap", func(c *kiosk.Config) { c.Session.RatingMinGap = kiosk.Duration(-time.Second) }},
		{"session.play_burst", func(c *kiosk.Config) { c.Session.PlayBurst = 1 }},
		{"session.play_streak", func(c *kiosk.Config) { c.Session.PlayStreak = 0 }},
		{"session.text_limit", func(c *kiosk.Config) { c.Session.TextLimit = 5000 }},
		{"store.retention_days", func(c *kiosk.Config) { c.Store.RetentionDays = 0 }},
		{"store.max_mb", func(c *kiosk.Config) { c.Store.MaxMB = -1 }},
		{"topics", func(c *kiosk.Config) { c.Topics = nil }},
		{"hardware.rate_pins", func(c *kiosk.Config) { c.Hardware.RatePins = []string{"GPIO5"} }},
		{"hardware.rate_pins[2]", func(c *kiosk.Config) { c.Hardware.RatePins[2] = "pin 13" }},
		{"hardware.hook_pin", func(c *kiosk.Config) { c.Hardware.HookPin = c.Hardware.HelpPin }},
		{"hardware.debounce", func(c *kiosk.Config) { c.Hardware.Debounce = kiosk.Duration(5 * time.Second) }},
		{"hardware.min_brightness", func(c *kiosk.Config) { c.Hardware.MinBright = 120 }},
		{"topics[1].id", func(c *kiosk.Config) { c.Topics[1].ID = c.Topics[0].ID }},
		{"topics[0].icon", func(c *kiosk.Config) { c.Topics[0].Icon = "" }},
		{"topics[0].name.zh", func(c *kiosk.Config) { c.Topics[0].Name.Zh = " " }},
		{"topics[0].phrases[1].id", func(c *kiosk.Config) { c.Topics[0].Phrases[1].ID = "Bad Id" }},
		{"services[0].id", func(c *kiosk.Config) { c.Services[0].ID = "" }},
		{"rating_reasons[0].text.zh", func(c *kiosk.Config) { c.RatingReasons[0].Text.Zh = "" }},
		{"streets[1].name", func(c *kiosk.Config) { c.Streets[1].Name = "大和路" }},
		{"streets[0].buildings[1]", func(c *kiosk.Config) { c.Streets[0].Buildings[1] = "1栋" }},
		{"brightness[0].from", func(c *kiosk.Config) { c.Brightness[0].From = "25:00" }},
		{"brightness[1].level", func(c *kiosk.Config) { c.Brightness[1].Level = 101 }},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			c := validConfig()
			tt.change(&c)
			err := c.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.key+": ") {
				t.Errorf("error does not name %s:\n%v", tt.key, err)
			}
		})
	}
}

func TestBrightnessAt(t *testing.T) {
	c := validConfig() // 06:30 80, 19:00 100, 23:00 40
	for clock, want := range map[string]int{"00:10": 40, "06:29": 40, "06:30": 80, "12:00": 80, "19:00": 100, "23:59": 40} {
		tm, _ := time.Parse("15:04", clock)
		if got := c.BrightnessAt(tm); got != want {
			t.Errorf("BrightnessAt(%s) = %d, want %d", clock, got, want)
		}
	}
}

func TestHasLocation(t *testing.T) {
	c := validConfig()
	for _, tt := range []struct {
		l    kiosk.Location
		want bool
	}{
		{kiosk.Location{Street: "大和路", Building: "1栋"}, true},
		{kiosk.Location{Street: "大和路"}, true},
		{kiosk.Location{Street: "大和路", Building: "9栋"}, false},
		{kiosk.Location{Street: "二巷", Building: "任何"}, true},
		{kiosk.Location{Street: "别处"}, false},
	} {
		if got := c.HasLocation(tt.l); got != tt.want {
			t.Errorf("HasLocation(%+v) = %v", tt.l, got)
		}
	}
}
