package audiotest_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/hardware/wav"
)

func TestPlayKeepsClipsAndFiles(t *testing.T) {
	d := audiotest.New()
	d.Dir = t.TempDir()
	a, b := hardware.Tone(440, 800, 0.3), hardware.Tone(880, 400, 0.3)
	for _, c := range [][]int16{a, b} {
		if err := d.Play(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	got := d.Played()
	if len(got) != 2 || len(got[0].PCM) != 800 || len(got[1].PCM) != 400 {
		t.Fatalf("played %d clips", len(got))
	}
	f, err := wav.ReadFile(filepath.Join(d.Dir, "play-0002.wav"))
	if err != nil || len(f) != 400 {
		t.Fatalf("file: %d samples, %v", len(f), err)
	}
}

func TestStopCutsRealTimePlay(t *testing.T) {
	d := audiotest.New()
	d.RealTime = true
	done := make(chan error)
	go func() { done <- d.Play(context.Background(), make([]int16, 10*hardware.SampleRate)) }()
	if _, err := d.Wait(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	d.Stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not end a 10 s clip")
	}
	if !d.Played()[0].Cut {
		t.Error("clip not marked cut")
	}
}

func TestRecordHearsQueuedSpeechThenSilence(t *testing.T) {
	d := audiotest.New()
	speech := hardware.Tone(300, hardware.SampleRate/2, 0.4)
	d.Speak(speech)
	var levels []float64
	pcm, err := d.Record(context.Background(), 700*time.Millisecond, func(l float64) { levels = append(levels, l) })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hardware.Duration(pcm), 700*time.Millisecond; got != want {
		t.Errorf("recorded %v, want %v", got, want)
	}
	if levels[0] < 0.2 || levels[len(levels)-1] != 0 {
		t.Errorf("levels %v: want loud, then silent", levels)
	}
}

func TestRecordEndsOnStopAndContext(t *testing.T) {
	d := audiotest.New()
	go func() { time.Sleep(100 * time.Millisecond); d.Stop() }()
	pcm, err := d.Record(context.Background(), time.Minute, nil)
	if err != nil || hardware.Duration(pcm) > 10*time.Second {
		t.Fatalf("Stop: %v after %v", err, hardware.Duration(pcm))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := d.Record(ctx, time.Minute, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("ctx: got %v", err)
	}
}

// TestMicRealTime: with MicRealTime the microphone hears the queued speech
// as it would be spoken, a block every 50 ms with its level, so a Stop
// after 300 ms has heard 300 ms of it, not all.
func TestMicRealTime(t *testing.T) {
	d := audiotest.New()
	d.MicRealTime = true
	d.Speak(hardware.Tone(400, 2*hardware.SampleRate, 0.3))
	var mu sync.Mutex
	var levels []float64
	go func() { time.Sleep(300 * time.Millisecond); d.Stop() }()
	pcm, err := d.Record(context.Background(), 10*time.Second, func(l float64) { mu.Lock(); levels = append(levels, l); mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := hardware.Duration(pcm); got < 200*time.Millisecond || got > time.Second {
		t.Errorf("heard %v of 2 s after 300 ms", got)
	}
	if len(levels) == 0 || levels[0] < 0.1 {
		t.Errorf("levels %v", levels)
	}
}
