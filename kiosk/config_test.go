package kiosk_test

import (
	"strings"
	"testing"

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

// badKey is one change that makes a valid configuration invalid, and the
// key the error must name.
type badKey struct {
	name   string
	key    string
	change func(c *kiosk.Config)
}

// testBadKeys checks that Validate refuses each change and names its key.
func testBadKeys(t *testing.T, tests []badKey) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
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

func TestValidateVersion(t *testing.T) {
	testBadKeys(t, []badKey{
		{"negative version", "version", func(c *kiosk.Config) { c.Version = -1 }},
	})
}
