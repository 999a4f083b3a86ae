package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
	"opinionwall/voice"
)

// TestVoiceTestStoresAMessage: a WAV file left with voice-test is a voice
// submission with its Ogg Opus audio in the store, waiting for the relay.
func TestVoiceTestStoresAMessage(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "kiosk.toml")
	f, err := os.Create(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := configExampleCmd(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pcm := make([]int16, 16000*3)
	for i := range pcm {
		pcm[i] = int16(5000 * math.Sin(2*math.Pi*220*float64(i)/16000))
	}
	wav := filepath.Join(dir, "hello.wav")
	if err := os.WriteFile(wav, voice.WAV(pcm, 16000), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	var out strings.Builder
	if err := voiceTestCmd(context.Background(), []string{"-config", cfgPath, "-data", data, wav}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "voice message ") {
		t.Errorf("output %q", out.String())
	}
	db := sqlite.NewDB(filepath.Join(data, "kiosk.db"))
	db.ReadOnly = true
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Submission(context.Background(), 1)
	if err != nil || s.Kind != kiosk.KindVoice || s.Body.Voice.DurationMS != 3000 {
		t.Fatalf("stored %+v, %v", s, err)
	}
	file, err := db.VoiceAudio(context.Background(), s.ID)
	if err != nil || !strings.HasPrefix(string(file), "OggS") || kiosk.DescribeAudio(file, 3e9) != *s.Body.Voice {
		t.Errorf("audio %d bytes, %v", len(file), err)
	}
	out.Reset()
	if err := statusCmd(context.Background(), []string{"-data", data}, &out); err != nil || !strings.Contains(out.String(), "voice waiting  1 (") {
		t.Errorf("status: %v\n%s", err, out.String())
	}
	if err := voiceTestCmd(context.Background(), []string{"-config", cfgPath, "-data", data, cfgPath}, &out); err == nil {
		t.Error("a file that is not a WAV was stored")
	}
}
