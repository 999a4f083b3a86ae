package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKioskOutputEscaped: a kiosk (or someone holding its card) writes
// escape sequences and bidi overrides into its log and its command
// results. kioskctl used to print them as they came, so the operator's
// terminal cleared itself, retitled its window or showed text reordered;
// now they are printed as escapes. A screenshot is saved 0600.
func TestKioskOutputEscaped(t *testing.T) {
	s := newStation(t)
	s.startKiosk(t)
	const evil = "\x1b]0;owned\x07\x1b[2J\x1b[31mstore ok\u202eDEGGOL\u2066"
	s.ring.Write([]byte(evil + "\n"))
	s.handler.Register("hostile", func(context.Context, json.RawMessage) (any, error) {
		return nil, errors.New("failed: " + evil)
	})
	logs, code := s.ctl(t, "logs", "wall-01", "-n", "1")
	res, _ := s.ctl(t, "send", "wall-01", "hostile")
	if code != 0 {
		t.Fatalf("logs (%d): %q", code, logs)
	}
	for what, out := range map[string]string{"logs": logs, "result detail": res} {
		if strings.ContainsAny(out, "\x1b\x07\u202e\u2066") {
			t.Errorf("%s printed control characters: %q", what, out)
		}
		if !strings.Contains(out, `\x1b]0;owned\x07\x1b[2J\x1b[31mstore ok\u202eDEGGOL\u2066`) {
			t.Errorf("%s does not show what the kiosk sent: %q", what, out)
		}
	}
	png := filepath.Join(t.TempDir(), "shot.png")
	os.WriteFile(png, []byte("an older file"), 0o644)
	if out, code := s.ctl(t, "screenshot", "wall-01", "-o", png); code != 0 {
		t.Fatalf("screenshot (%d): %s", code, out)
	}
	if st, err := os.Stat(png); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("screenshot file: %v, mode %v; want 0600", err, st.Mode().Perm())
	}
}
