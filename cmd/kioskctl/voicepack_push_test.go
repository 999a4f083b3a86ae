package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/hardware/wav"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
	"opinionwall/voice/opus"
)

// The booths' decoder, as cmd/kiosk links it.
func init() {
	voicepack.OpusDecoder = func(b []byte) ([]int16, error) { return opus.Decode(b, hardware.SampleRate) }
}

// TestVoicepackPush: all 29 prompts recorded (here spoken by espeak-ng,
// 150 s of audio), signed as Opus, pushed through the embedded broker with
// its packet limit; the booth installs the pack, says so, and plays its
// recorded welcome. Pushed again, the same pack is refused as not newer.
func TestVoicepackPush(t *testing.T) {
	s := newStation(t)
	ctx := context.Background()
	rec := filepath.Join(s.dir, "rec")
	os.MkdirAll(rec, 0o755)
	synth := &espeak.Espeak{CacheDir: t.TempDir()}
	for _, p := range booth.Prompts {
		pcm, err := synth.Synthesize(ctx, p.Text)
		if err != nil {
			t.Fatal(err)
		}
		wav.WriteFile(filepath.Join(rec, string(p.ID)+".wav"), pcm)
	}
	pack := filepath.Join(s.dir, "pack.signed")
	var sout strings.Builder
	err := dispatch(ctx, []string{"voicepack", "sign", "-key", filepath.Join(s.dir, "ops.key"), "-by", "李姐", "-version", "3", "-o", pack, rec}, &sout)
	if err != nil || !strings.Contains(sout.String(), "29 of 29 prompts recorded, opus") {
		t.Fatalf("sign: %v\n%s", err, sout.String())
	}
	signed, _ := os.ReadFile(pack)
	t.Logf("29 prompts as Opus: %d KiB signed (limit %d KiB)", len(signed)>>10, mqtt.MaxSignedBytes>>10)

	trust, _ := mqtt.LoadTrust(filepath.Join(s.dir, "ops.pub"))
	level := kiosk.Defaults().Booth.PromptLevel
	voice := &booth.Voice{Synth: synth, Level: level}
	in := &voicepack.Installer{Path: filepath.Join(s.dir, "booth", "voicepack.signed"), Verifier: trust, Voice: voice}
	r := &mqtt.Relay{Conn: mqtt.Conn{Broker: s.url, Username: "wall-01", Password: "kiosk-pass"}, Kiosk: "wall-01",
		Outbox: s.db, Trust: trust, VoicePack: in, MinBackoff: 50 * time.Millisecond}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	if !waitUntil(10*time.Second, func() bool { return r.Stats().Subscribed }) {
		t.Fatal("the booth did not subscribe")
	}

	out, code := s.ctl(t, "voicepack", "push", pack, "wall-01")
	if code != 0 || !strings.Contains(out, "succeeded") {
		t.Fatalf("push (%d):\n%s", code, out)
	}
	p, err := voicepack.Load(in.Path, trust)
	if err != nil || p.Version != 3 || len(p.Recorded()) != len(booth.Prompts) || len(p.Problems) != 0 {
		t.Fatalf("installed: %+v %v", p, err)
	}
	clip, _ := p.Clip(booth.Welcome)
	dev := audiotest.New()
	b := &booth.Booth{Audio: dev, Voice: voice, Config: kiosk.Defaults().Booth}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.HookUp()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	clips, err := dev.Wait(wctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(clips[0].PCM, hardware.Normalize(clip, level)) {
		t.Error("the booth does not play the pushed recording")
	}

	// The same pack again: the booth has it (it is not installed twice);
	// another pack of the same version is refused.
	out, code = s.ctl(t, "voicepack", "push", pack, "wall-01")
	if code != 0 || !strings.Contains(out, "wall-01  succeeded") {
		t.Errorf("the same pack again (%d):\n%s", code, out)
	}
	other := filepath.Join(s.dir, "other.signed")
	if err := dispatch(ctx, []string{"voicepack", "sign", "-key", filepath.Join(s.dir, "ops.key"), "-by", "王刚", "-version", "3", "-o", other, rec}, &sout); err != nil {
		t.Fatal(err)
	}
	out, code = s.ctl(t, "voicepack", "push", other, "wall-01")
	if code != exitRefused || !strings.Contains(out, "not newer") {
		t.Errorf("another pack of the installed version (%d):\n%s", code, out)
	}
	if _, code := s.ctl(t, "voicepack", "push", filepath.Join(rec, "welcome.wav"), "all"); code == 0 {
		t.Error("a WAV file was pushed as a pack")
	}
}
