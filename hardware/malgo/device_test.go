//go:build cgo

package malgo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	ma "github.com/gen2brain/malgo"

	"opinionwall/hardware"
	"opinionwall/hardware/malgo"
)

// The null backend is miniaudio's real engine with a card that discards
// what it plays and hears silence, in real time: the adapter's timing and
// formats are exercised without a sound card.
func openNull(t *testing.T) *malgo.Device {
	d := &malgo.Device{Name: "default", Backends: []ma.Backend{malgo.BackendNull}}
	if err := d.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestPlayLastsAsLongAsTheClip(t *testing.T) {
	d := openNull(t)
	start := time.Now()
	if err := d.Play(context.Background(), hardware.Tone(440, hardware.SampleRate/2, 0.3)); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 400*time.Millisecond {
		t.Errorf("a 0.5 s clip played in %v", el)
	}
}

func TestStopCutsPlay(t *testing.T) {
	d := openNull(t)
	go func() { time.Sleep(200 * time.Millisecond); d.Stop() }()
	start := time.Now()
	if err := d.Play(context.Background(), make([]int16, 10*hardware.SampleRate)); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("Stop took %v", el)
	}
}

func TestRecordSilence(t *testing.T) {
	d := openNull(t)
	levels := 0
	pcm, err := d.Record(context.Background(), 600*time.Millisecond, func(float64) { levels++ })
	if err != nil {
		t.Fatal(err)
	}
	if got := hardware.Duration(pcm); got != 600*time.Millisecond {
		t.Errorf("recorded %v", got)
	}
	if levels < 3 || hardware.RMS(pcm) != 0 {
		t.Errorf("%d levels, RMS %v", levels, hardware.RMS(pcm))
	}
}

func TestNoSuchCard(t *testing.T) {
	d := &malgo.Device{Name: "no-such-card-xyz", Backends: []ma.Backend{malgo.BackendNull}}
	if err := d.Open(); !errors.Is(err, hardware.ErrNoAudio) {
		t.Fatalf("got %v, want ErrNoAudio", err)
	}
}
