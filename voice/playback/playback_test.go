//go:build cgo

package playback_test

import (
	"math"
	"testing"
	"time"

	"github.com/gen2brain/malgo"

	"opinionwall/voice/opus"
	"opinionwall/voice/playback"
)

// TestPlayPauseSeek plays a real recording through miniaudio's null
// device, which consumes samples at the real rate without hardware.
func TestPlayPauseSeek(t *testing.T) {
	pcm := make([]int16, 16000*3)
	for i := range pcm {
		pcm[i] = int16(8000 * math.Sin(2*math.Pi*300*float64(i)/16000))
	}
	file, _, err := opus.NewEncoder().Encode(pcm, 16000)
	if err != nil {
		t.Fatal(err)
	}
	p := &playback.Player{Backends: []malgo.Backend{playback.NullBackend}}
	defer p.Close()
	tr, err := p.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if d := tr.Duration(); d != 3*time.Second {
		t.Fatalf("duration %v", d)
	}
	if peaks := tr.Peaks(10); len(peaks) != 10 || peaks[5] < 0.1 {
		t.Errorf("peaks %v", peaks)
	}
	if err := tr.Play(0); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return tr.Position() > 200*time.Millisecond }, "playing moves on")
	tr.Pause()
	at := tr.Position()
	time.Sleep(300 * time.Millisecond)
	if tr.Playing() || tr.Position() != at {
		t.Errorf("paused at %v, now %v (playing %v)", at, tr.Position(), tr.Playing())
	}
	if err := tr.Play(2800 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if tr.Position() < 2800*time.Millisecond {
		t.Errorf("seek to 2.8 s: at %v", tr.Position())
	}
	waitFor(t, func() bool { return !tr.Playing() }, "the end stops it")
	if tr.Position() != tr.Duration() {
		t.Errorf("ended at %v of %v", tr.Position(), tr.Duration())
	}
}

func TestOpenRefusesWhatIsNotOggOpus(t *testing.T) {
	if _, err := (&playback.Player{}).Open([]byte("RIFF")); err == nil {
		t.Fatal("opened")
	}
}

// waitFor waits for cond; the timeout only keeps a broken test from hanging.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
