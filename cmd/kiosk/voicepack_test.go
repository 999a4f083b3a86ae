package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

// TestVoicepackInstallAndCheck: a signed pack installed with `kiosk
// voicepack install` is the one the booth loads, and `check` says which
// prompts are recorded; a damaged file is refused and the installed pack
// stays.
func TestVoicepackInstallAndCheck(t *testing.T) {
	dir := t.TempDir()
	trustDir := filepath.Join(dir, "trust")
	os.MkdirAll(trustDir, 0o755)
	if _, err := mqtt.GenerateKey(trustDir, "ops"); err != nil {
		t.Fatal(err)
	}
	key, err := mqtt.LoadPrivateKey(filepath.Join(trustDir, "ops.key"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(trustDir, "ops.key"))
	installed := filepath.Join(dir, "data", "voicepack.signed")
	cfg := filepath.Join(dir, "kiosk.toml")
	os.WriteFile(cfg, []byte("[kiosk]\nid = \"booth-01\"\nnumber = 11\nrole = \"booth\"\nadmin_pin = \"480731\"\n[booth]\nvoice_pack = \""+installed+"\"\n"), 0o644)
	b, err := mqtt.NewSigner(key).Sign(voicepack.Type, voicepack.Topic,
		voicepack.Build(3, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Menu: hardware.Tone(300, 16000, 0.1)}))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "pack.signed")
	os.WriteFile(file, b, 0o644)
	ctx := context.Background()
	var out bytes.Buffer
	common := []string{"-config", cfg, "-data", filepath.Join(dir, "data"), "-trust", trustDir}
	if err := voicepackCmd(ctx, append(append([]string{"install"}, common...), file), &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := voicepackCmd(ctx, append([]string{"check"}, common...), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "voice pack v3 by 李姐") || !strings.Contains(out.String(), "menu               recorded") {
		t.Errorf("check:\n%s", out.String())
	}
	os.WriteFile(file, b[:len(b)/2], 0o644)
	if err := voicepackCmd(ctx, append(append([]string{"install"}, common...), file), &out); err == nil {
		t.Error("a damaged pack was installed")
	}
	m := &Main{Relay: relayFlags{trust: trustDir}}
	if p, err := m.loadPack(installed); err != nil || p.Version != 3 {
		t.Fatalf("the booth loads %+v, %v", p, err)
	}
}
