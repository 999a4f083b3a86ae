package hardware_test

import (
	"testing"
	"time"

	"opinionwall/hardware"
)

func TestNormalize(t *testing.T) {
	quiet := hardware.Tone(300, 8000, 0.02)
	loud := hardware.Normalize(quiet, 0.2)
	if r := hardware.RMS(loud); r < 0.18 || r > 0.22 {
		t.Errorf("normalised RMS %.3f, want about 0.2", r)
	}
	hot := hardware.Normalize(hardware.Tone(300, 8000, 0.9), 0.9) // would clip: stops at full scale
	for _, s := range hot {
		if s == -32768 {
			t.Fatal("clipped")
		}
	}
}

func TestSpeech(t *testing.T) {
	silence := make([]int16, hardware.SampleRate)
	hiss := hardware.Tone(5000, hardware.SampleRate, 0.005)
	click := append(hardware.Tone(1000, 800, 0.8), silence...)
	voice := append(silence, hardware.Tone(300, hardware.SampleRate/2, 0.2)...)
	for name, c := range map[string]struct {
		pcm  []int16
		want bool
	}{"silence": {silence, false}, "hiss": {hiss, false}, "click": {click, false}, "voice": {voice, true}} {
		if got := hardware.Speech(c.pcm, 0.03, 200*time.Millisecond); got != c.want {
			t.Errorf("%s: Speech = %v, want %v", name, got, c.want)
		}
	}
}
