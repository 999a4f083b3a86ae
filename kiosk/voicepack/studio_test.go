package voicepack_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/voicepack"
)

// TestStudioRecordListenKeep: a worker records the welcome prompt at the
// station (the fake device's microphone says it, between silences),
// listens to the take (the device plays it), keeps it (a WAV in the
// folder), and the folder signs into a pack a booth plays. A silent take
// is refused and keeps nothing.
func TestStudioRecordListenKeep(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dev := audiotest.New()
	dir := t.TempDir()
	s := &voicepack.Studio{Audio: dev, Dir: dir, Max: 3 * time.Second}
	voice := hardware.Tone(300, hardware.SampleRate, 0.3)[:hardware.SampleRate] // 1 s
	quiet := make([]int16, hardware.SampleRate/2)
	dev.Speak(slices.Concat(quiet, voice, quiet))

	var levels int
	d, err := s.Record(ctx, booth.Welcome, func(float64) { levels++ })
	if err != nil {
		t.Fatal(err)
	}
	if d < time.Second || d > 1300*time.Millisecond || levels == 0 {
		t.Errorf("a take of %v (the voice is 1 s; silence trimmed), %d level readings", d, levels)
	}
	if err := s.Listen(ctx, booth.Welcome); err != nil {
		t.Fatal(err)
	}
	played := dev.Played()
	if len(played) != 1 || hardware.Duration(played[0].PCM) != d {
		t.Fatalf("listening played %d clips", len(played))
	}
	if len(s.Kept()) != 0 {
		t.Error("kept before Keep")
	}
	if err := s.Keep(booth.Welcome); err != nil {
		t.Fatal(err)
	}
	kept, err := wav.ReadFile(filepath.Join(dir, "welcome.wav"))
	if err != nil || !slices.Equal(kept, played[0].PCM) {
		t.Fatalf("kept file: %d samples, %v", len(kept), err)
	}
	if got := s.Kept(); !slices.Equal(got, []booth.Prompt{booth.Welcome}) {
		t.Errorf("kept %v", got)
	}

	// Silence: refused, and the kept take stays.
	if _, err := s.Record(ctx, booth.Menu, nil); !errors.Is(err, voicepack.ErrNothingHeard) {
		t.Errorf("a silent take: %v", err)
	}
	if err := s.Keep(booth.Menu); err == nil {
		t.Error("kept a silent take")
	}
	if _, err := s.Record(ctx, "no_such_prompt", nil); err == nil {
		t.Error("recorded a prompt the booth does not have")
	}

	// The folder is what `kioskctl voicepack sign` signs: a booth plays it.
	k := newKeys()
	clips := map[booth.Prompt][]int16{}
	for _, p := range s.Kept() {
		clips[p], _ = wav.ReadFile(filepath.Join(dir, string(p)+".wav"))
	}
	pack, err := voicepack.Decode(sign(t, k.ops, voicepack.Build(1, "李姐", time.Now(), clips)), k.trust)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := pack.Clip(booth.Welcome); !ok || !slices.Equal(got, kept) {
		t.Error("the pack does not hold the kept take")
	}
}
