package toml_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/toml"
)

func TestExampleLoads(t *testing.T) {
	c, err := toml.Parse(toml.Example())
	if err != nil {
		t.Fatal(err)
	}
	if c.Kiosk.ID != "wall-01" || c.Kiosk.Number != 12 || len(c.Streets) != 2 || c.Streets[0].Buildings[2] != "3栋" {
		t.Errorf("example read as %+v", c.Kiosk)
	}
	if got, want := c.Session.IdleTimeout.D(), 90*time.Second; got != want {
		t.Errorf("idle timeout %v", got)
	}
	if len(c.Topics) == 0 {
		t.Error("default topics lost")
	}
}

func TestFileOverDefaults(t *testing.T) {
	c, err := toml.Parse(`
[kiosk]
id = "booth-03"
number = 23
role = "booth"
admin_pin = "907315"

[session]
idle_timeout = "2m"

[[topics]]
id = "water"
icon = "lamp"
name = { zh = "用水", en = "Water" }
phrases = [ { id = "no-water", text = { zh = "停水了" } } ]
`)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kiosk.Role != kiosk.RoleBooth || c.Session.IdleTimeout.D() != 2*time.Minute {
		t.Errorf("file values not applied: %+v %+v", c.Kiosk, c.Session)
	}
	if c.Session.IdleWarning != kiosk.Defaults().Session.IdleWarning || c.Store.RetentionDays != 30 {
		t.Error("defaults not kept for keys the file does not set")
	}
	if len(c.Topics) != 1 || c.Topics[0].ID != "water" || c.Topics[0].Phrases[0].Text.Zh != "停水了" {
		t.Errorf("topics in the file replace the defaults: got %+v", c.Topics)
	}
}

func TestRefusals(t *testing.T) {
	identity := "[kiosk]\nid = \"wall-01\"\nnumber = 12\nadmin_pin = \"907315\"\n"
	tests := []struct {
		name, text, want string
	}{
		{"unknown key", identity + "colour = \"red\"\n", "kiosk.colour: unknown key"},
		{"unknown section", identity + "[sesion]\nidle_timeout = \"1m\"\n", "sesion.idle_timeout: unknown key"},
		{"bad duration", identity + "[session]\nidle_timeout = \"ninety\"\n", "idle_timeout"},
		{"wrong type", identity + "[store]\nretention_days = \"thirty\"\n", "retention_days"},
		{"invalid value", identity + "[store]\nretention_days = 0\n", "store.retention_days: must be between"},
		{"syntax", "[kiosk\nid=", "line 2"},
		{"no identity", "", "kiosk.id:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := toml.Parse(tt.text)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := toml.Load(filepath.Join(t.TempDir(), "none.toml"))
	if !errors.Is(err, kiosk.ErrNoConfig) {
		t.Fatalf("missing file: %v", err)
	}
	path := filepath.Join(t.TempDir(), "kiosk.toml")
	os.WriteFile(path, []byte(toml.Example()), 0o600)
	if _, err := toml.Load(path); err != nil {
		t.Fatal(err)
	}
}
