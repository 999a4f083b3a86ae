package main

import (
	"bytes"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/zinnia"
	"opinionwall/kiosk"
)

// TestOpenHandwriting: the kiosk joins Tegaki's model with the
// standard-order model when both open, and recognises with Tegaki's alone,
// saying so in its log, when the supplement is turned off or missing.
func TestOpenHandwriting(t *testing.T) {
	std, err := filepath.Abs("../../deploy/handwriting/handwriting-zh_CN-standard-order.model")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, std string
		both      bool
		log       string
	}{
		{"both", std, true, "handwriting supplement"},
		{"supplement missing", filepath.Join(t.TempDir(), "none.model"), false, "handwriting without the standard-order model"},
		{"supplement off", "", false, "handwriting model="},
	} {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			m := &Main{cfg: kiosk.Defaults(), log: slog.New(slog.NewTextHandler(&logs, nil))}
			m.cfg.Kiosk.HandwritingStandardModel = c.std
			rec := m.openHandwriting()
			defer func() {
				for _, f := range m.closers {
					f()
				}
			}()
			switch rec.(type) {
			case handwriting.Supplemented:
				if !c.both {
					t.Errorf("got the supplemented recogniser, want Tegaki's alone")
				}
			case *zinnia.Recognizer:
				if c.both {
					t.Errorf("got Tegaki's recogniser alone, want it supplemented")
				}
			default:
				t.Fatalf("got %T", rec)
			}
			if !strings.Contains(logs.String(), c.log) {
				t.Errorf("log %q does not say %q", logs.String(), c.log)
			}
		})
	}
}
