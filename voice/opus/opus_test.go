//go:build cgo

package opus_test

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"opinionwall/voice/ogg"
	"opinionwall/voice/opus"
)

// speech is a voice-like test signal: a gliding pitch with harmonics,
// syllables of 200 ms with pauses, and a little noise.
func speech(seconds float64, rate int) []int16 {
	r := rand.New(rand.NewPCG(1, 2))
	n := int(seconds * float64(rate))
	pcm := make([]int16, n)
	phase := 0.0
	for i := range pcm {
		t := float64(i) / float64(rate)
		f0 := 140 + 40*math.Sin(2*math.Pi*0.7*t)
		phase += f0 / float64(rate)
		env := math.Max(0, math.Sin(2*math.Pi*2.5*t))
		v := 0.0
		for h := 1.0; h <= 8; h++ {
			v += math.Sin(2*math.Pi*h*phase) / h
		}
		pcm[i] = int16(env*6000*v + 300*r.NormFloat64())
	}
	return pcm
}

// opusinfo runs Debian's opusinfo on the file and returns its report; it
// fails the test when opusinfo refuses the file or warns about it.
func opusinfo(t *testing.T, file []byte) string {
	t.Helper()
	bin, err := exec.LookPath("opusinfo")
	if err != nil {
		t.Skip("no opusinfo (Debian opus-tools; deploy/deps.sh installs it)")
	}
	path := filepath.Join(t.TempDir(), "voice.opus")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, path).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Fatalf("opusinfo refuses the file (%v):\n%s", err, out)
	}
	return string(out)
}

func TestEncodePlaysInOpusinfo(t *testing.T) {
	pcm := speech(60, 16000)
	file, d, err := opus.NewEncoder().Encode(pcm, 16000)
	if err != nil {
		t.Fatal(err)
	}
	if d != 60*time.Second {
		t.Errorf("duration %v, want 60s", d)
	}
	if len(file) > 150_000 {
		t.Errorf("a minute is %d bytes, want at most 150 KB", len(file))
	}
	t.Logf("60 s: %d bytes", len(file))
	info := opusinfo(t, file)
	for _, want := range []string{"Channels: 1", "Original sample rate: 16000 Hz", "Playback length: 1m:00.000s", "Pre-skip: 312"} {
		if !strings.Contains(info, want) {
			t.Errorf("opusinfo does not say %q:\n%s", want, info)
		}
	}
	m := regexp.MustCompile(`Average bitrate: ([0-9.]+) kbit/s`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("no bitrate in:\n%s", info)
	}
	t.Logf("opusinfo: average bitrate %s kbit/s", m[1])
}

// TestDecodeGivesTheAudioBack: decoding gives as many samples as went in,
// and the same signal (correlation after the codec's delay is compensated
// by the pre-skip).
func TestDecodeGivesTheAudioBack(t *testing.T) {
	pcm := speech(3.01, 16000)
	file, _, err := opus.NewEncoder().Encode(pcm, 16000)
	if err != nil {
		t.Fatal(err)
	}
	got, err := opus.Decode(file, 16000)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pcm) {
		t.Fatalf("%d samples back, want %d", len(got), len(pcm))
	}
	var xy, xx, yy float64
	for i := range pcm {
		x, y := float64(pcm[i]), float64(got[i])
		xy, xx, yy = xy+x*y, xx+x*x, yy+y*y
	}
	if c := xy / math.Sqrt(xx*yy); c < 0.7 {
		t.Errorf("correlation %.2f of what went in and came out, want ≥ 0.7 (16 kbit/s keeps the voice, not the noise)", c)
	}
}

func TestEncodeRefuses(t *testing.T) {
	if _, _, err := opus.NewEncoder().Encode(speech(1, 44100), 44100); err == nil {
		t.Error("44.1 kHz encoded")
	}
	if _, _, err := opus.NewEncoder().Encode(nil, 16000); err == nil {
		t.Error("no audio encoded")
	}
	if _, err := opus.Decode([]byte("not ogg"), 16000); err == nil {
		t.Error("garbage decoded")
	}
}

func TestStreamParses(t *testing.T) {
	file, _, err := opus.NewEncoder().Encode(speech(2, 16000), 16000)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ogg.Parse(file)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Packets), 101; got != want {
		t.Errorf("%d packets, want %d (20 ms each, one more for the delay)", got, want)
	}
}
