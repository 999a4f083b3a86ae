package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"opinionwall/hardware"
	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

// TestVoicepackSign: a worker's recordings in a directory become a pack
// signed by the operations key, which a booth trusting that key loads
// with exactly those prompts recorded; a booth trusting only the hub's
// key refuses it.
func TestVoicepackSign(t *testing.T) {
	dir := t.TempDir()
	keys, rec := filepath.Join(dir, "keys"), filepath.Join(dir, "rec")
	os.MkdirAll(keys, 0o755)
	os.MkdirAll(rec, 0o755)
	if _, err := mqtt.GenerateKey(keys, "ops"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []booth.Prompt{booth.Welcome, booth.Menu} {
		if err := wav.WriteFile(filepath.Join(rec, string(p)+".wav"), hardware.Tone(300, 16000, 0.1)); err != nil {
			t.Fatal(err)
		}
	}
	pack := filepath.Join(dir, "pack.signed")
	var out bytes.Buffer
	if err := dispatch(context.Background(), []string{"voicepack", "sign", "-key", filepath.Join(keys, "ops.key"), "-by", "李姐", "-version", "7", "-o", pack, rec}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2 of 29 prompts recorded") {
		t.Errorf("output:\n%s", out.String())
	}
	os.Remove(filepath.Join(keys, "ops.key")) // the trust directory holds public keys only
	trust, err := mqtt.LoadTrust(keys)
	if err != nil {
		t.Fatal(err)
	}
	p, err := voicepack.Load(pack, trust)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != 7 || p.By != "李姐" || !slices.Equal(p.Recorded(), []booth.Prompt{booth.Menu, booth.Welcome}) {
		t.Errorf("pack v%d by %s: %v", p.Version, p.By, p.Recorded())
	}
	hubOnly := filepath.Join(dir, "hubonly")
	os.MkdirAll(hubOnly, 0o755)
	pub, _ := os.ReadFile(filepath.Join(keys, "ops.pub"))
	os.WriteFile(filepath.Join(hubOnly, "hub.pub"), pub, 0o644)
	trust, _ = mqtt.LoadTrust(hubOnly)
	if _, err := voicepack.Load(pack, trust); err == nil {
		t.Error("a booth that trusts the key only as the hub's took the pack")
	}
	if err := dispatch(context.Background(), []string{"voicepack", "sign", "-key", filepath.Join(dir, "none.key"), rec}, &out); err == nil {
		t.Error("signed without a key")
	}
}
