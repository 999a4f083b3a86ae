package sim_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/sim"
)

func TestCommands(t *testing.T) {
	s := sim.New()
	for _, line := range []string{"click rate2", "hook up", "motion", "long help"} {
		if _, err := s.Command(line); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
	}
	want := []hardware.Kind{hardware.Press, hardware.Release, hardware.HookUp, hardware.Moved, hardware.Press, hardware.LongPress, hardware.Release}
	for i, k := range want {
		select {
		case e := <-s.Events():
			if e.Kind != k {
				t.Fatalf("event %d: %+v, want %s", i, e, k)
			}
		case <-time.After(time.Second):
			t.Fatalf("event %d missing", i)
		}
	}
	for _, bad := range []string{"press rate9", "hook sideways", "lux bright", "dance", ""} {
		if _, err := s.Command(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	s.Command("lux 12.5")
	s.Command("temp none")
	r := s.Read(context.Background())
	if r.Lux == nil || *r.Lux != 12.5 || r.TempC != nil {
		t.Errorf("reading %+v", r)
	}
}

func TestControlSocket(t *testing.T) {
	s := sim.New()
	path := filepath.Join(t.TempDir(), "sim.sock")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Serve(ctx, path); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	for _, tt := range []struct{ name, line, want string }{
		{"a press", "press rate1", "ok"},
		{"an unknown command", "fly", "error: unknown command \"fly\""},
		{"the backlight read back", "backlight", "brightness=100 power=true"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fmt.Fprintln(c, tt.line)
			got, _ := r.ReadString('\n')
			if got != tt.want+"\n" {
				t.Errorf("%q: %q, want %q", tt.line, got, tt.want)
			}
		})
	}
	if e := <-s.Events(); e.Kind != hardware.Press || e.Input != hardware.Rate1 {
		t.Errorf("event %+v", e)
	}
}

func TestKeys(t *testing.T) {
	s := sim.New()
	up := false
	for _, tt := range []struct {
		name string
		key  rune
		want string
	}{
		{"a digit clicks its rating button", '3', "click rate3"},
		{"m is motion", 'm', "motion"},
		{"5 is the keypad's", '5', "click key5"},
		{"# is the keypad's", '#', "click key#"},
		{"other keys do nothing", 'x', ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.KeyCommand(tt.key, &up); got != tt.want {
				t.Errorf("key %c: %q", tt.key, got)
			}
		})
	}
	if s.KeyCommand('h', &up) != "hook up" || s.KeyCommand('h', &up) != "hook down" {
		t.Error("h does not toggle the handset")
	}
}
