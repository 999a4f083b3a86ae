package kiosk_test

import (
	"testing"

	"opinionwall/kiosk"
)

func TestValidateStreets(t *testing.T) {
	testBadKeys(t, []badKey{
		{"street listed twice", "streets[1].name", func(c *kiosk.Config) { c.Streets[1].Name = "大和路" }},
		{"building listed twice", "streets[0].buildings[1]", func(c *kiosk.Config) { c.Streets[0].Buildings[1] = "1栋" }},
	})
}

func TestHasLocation(t *testing.T) {
	c := validConfig()
	for _, tt := range []struct {
		name string
		l    kiosk.Location
		want bool
	}{
		{"listed building", kiosk.Location{Street: "大和路", Building: "1栋"}, true},
		{"street only", kiosk.Location{Street: "大和路"}, true},
		{"unlisted building", kiosk.Location{Street: "大和路", Building: "9栋"}, false},
		{"street without a building list", kiosk.Location{Street: "二巷", Building: "任何"}, true},
		{"unknown street", kiosk.Location{Street: "别处"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.HasLocation(tt.l); got != tt.want {
				t.Errorf("HasLocation(%+v) = %v", tt.l, got)
			}
		})
	}
}
