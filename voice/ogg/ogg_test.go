package ogg_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/voice/ogg"
)

// write makes a stream of packets of the given sizes, 20 ms each.
func write(t *testing.T, sizes []int, length int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := ogg.NewWriter(&buf, ogg.Head{Channels: 1, PreSkip: 312, InputRate: 16000}, "test", 7)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range sizes {
		p := bytes.Repeat([]byte{byte(i)}, n)
		if err := w.WritePacket(p, 960); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(length); err != nil {
		t.Fatal(err)
	}
	if got, want := w.Written(), int64(buf.Len()); got != want {
		t.Errorf("Written = %d, want %d", got, want)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	// 255 and 510 need a zero lacing value after them; 120 packets span pages.
	sizes := []int{1, 254, 255, 256, 510, 1275}
	for i := range 120 {
		sizes = append(sizes, 30+i%40)
	}
	b := write(t, sizes, 0)
	s, err := ogg.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Packets), len(sizes); got != want {
		t.Fatalf("%d packets, want %d", got, want)
	}
	for i, p := range s.Packets {
		if len(p) != sizes[i] || (len(p) > 0 && p[0] != byte(i)) {
			t.Fatalf("packet %d: %d bytes, want %d", i, len(p), sizes[i])
		}
	}
	// The packets' length less the pre-skip (6.5 ms).
	if got, want := s.Duration(), time.Duration(len(sizes))*20*time.Millisecond-6500*time.Microsecond; got != want {
		t.Errorf("duration %v, want %v", got, want)
	}
	if s.Head.PreSkip != 312 || s.Head.InputRate != 16000 || s.Vendor != "test" {
		t.Errorf("head %+v vendor %q", s.Head, s.Vendor)
	}
}

func TestEndTrimming(t *testing.T) {
	b := write(t, []int{40, 40, 40}, 48000*50/1000) // 50 ms of 60 ms of packets
	s, err := ogg.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Duration(), 50*time.Millisecond; got != want {
		t.Errorf("duration %v, want %v", got, want)
	}
}

func TestParseRefusesDamage(t *testing.T) {
	good := write(t, []int{40, 41, 42}, 0)
	tests := map[string][]byte{
		"flipped byte": func() []byte { b := bytes.Clone(good); b[len(b)-3] ^= 0x10; return b }(),
		"cut short":    good[:len(good)-10],
		"no end page":  good[:len(good)-(27+3+40+41+42)],
		"not ogg":      []byte("RIFF....WAVEfmt "),
		"empty":        nil,
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ogg.Parse(b); err == nil {
				t.Fatal("parsed")
			}
		})
	}
}

// TestParseReadsOpusenc: a file made by opus-tools' opusenc parses, so the
// reader follows the format and not only this package's writer.
func TestParseReadsOpusenc(t *testing.T) {
	opusenc, err := exec.LookPath("opusenc")
	if err != nil {
		t.Skip("no opusenc (Debian opus-tools; deploy/deps.sh installs it)")
	}
	dir := t.TempDir()
	wav := filepath.Join(dir, "in.wav")
	// 1.5 s of 440 Hz at 16 kHz, 16-bit mono.
	var pcm []byte
	for i := range 24000 {
		v := int16(8000 * sin(float64(i)*440/16000))
		pcm = append(pcm, byte(v), byte(v>>8))
	}
	if err := os.WriteFile(wav, wavFile(pcm, 16000), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.opus")
	if b, err := exec.Command(opusenc, "--quiet", "--bitrate", "16", wav, out).CombinedOutput(); err != nil {
		t.Fatalf("opusenc: %v: %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ogg.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Duration(); d < 1490*time.Millisecond || d > 1510*time.Millisecond {
		t.Errorf("duration %v, want 1.5 s", d)
	}
	if !strings.Contains(s.Vendor, "libopus") {
		t.Errorf("vendor %q", s.Vendor)
	}
}
