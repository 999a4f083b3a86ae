package audiotest

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/wav"
)

// Clip is one clip the device played.
type Clip struct {
	PCM []int16
	At  time.Time // when playing began
	Cut bool      // Stop or the context ended it early (RealTime only)
}

// Device is the fake. Played clips are kept in order; with Dir set each is
// also written as Dir/play-0001.wav and so on. Without RealTime a clip is
// "heard" at once; with it Play lasts as long as the clip.
//
// The microphone plays what Speak queued, as fast as Record takes it, then
// silence in real time until the recording ends: a caller who spoke and
// then hung up, or one who said nothing.
type Device struct {
	Dir      string
	RealTime bool
	Now      func() time.Time
	// MicFile, when set and present, is what the microphone hears at the
	// start of every recording (a WAV file): the demo's caller.
	MicFile string
	// Keep bounds the clips kept in memory (the oldest are forgotten); 0
	// keeps all, as tests want.
	Keep int
	// MicRealTime makes the microphone hear what Speak queued in real
	// time, its level reported block by block as it comes (the station's
	// demo studio, where the meter moves); otherwise it is all there at
	// once.
	MicRealTime bool

	mu     sync.Mutex
	played []Clip
	signal chan struct{} // closed and replaced when a clip is added
	mic    []int16
	stop   chan struct{} // closed by Stop; replaced at each Play/Record
	count  int           // clips played, including those forgotten
}

var _ hardware.Audio = (*Device)(nil)

// New returns a fake device that plays instantly and keeps clips in memory.
func New() *Device {
	return &Device{Now: time.Now, signal: make(chan struct{}), stop: make(chan struct{})}
}

// Play records pcm as played.
func (d *Device) Play(ctx context.Context, pcm []int16) error {
	d.mu.Lock()
	stop := make(chan struct{})
	d.stop = stop
	c := Clip{PCM: append([]int16(nil), pcm...), At: d.Now()}
	d.played = append(d.played, c)
	d.count++
	if d.Keep > 0 && len(d.played) > d.Keep {
		d.played = d.played[len(d.played)-d.Keep:]
	}
	idx, n := len(d.played)-1, d.count
	close(d.signal)
	d.signal = make(chan struct{})
	d.mu.Unlock()
	if d.Dir != "" {
		if err := wav.WriteFile(filepath.Join(d.Dir, fmt.Sprintf("play-%04d.wav", (n-1)%max(d.Keep, 10000)+1)), pcm); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		// Ended before it could be heard: as cut as a clip stopped halfway.
		if d.RealTime {
			d.markCut(idx)
		}
		return err
	}
	if !d.RealTime {
		return nil
	}
	t := time.NewTimer(hardware.Duration(pcm))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-stop:
		d.markCut(idx)
		return nil
	case <-ctx.Done():
		d.markCut(idx)
		return ctx.Err()
	}
}

func (d *Device) markCut(i int) {
	d.mu.Lock()
	if i < len(d.played) {
		d.played[i].Cut = true
	}
	d.mu.Unlock()
}

// Record returns the queued microphone samples (up to max), then silence
// until max, Stop or ctx.
func (d *Device) Record(ctx context.Context, max time.Duration, level func(float64)) ([]int16, error) {
	const block = hardware.SampleRate / 20 // 50 ms
	if d.MicFile != "" {
		if pcm, err := wav.ReadFile(d.MicFile); err == nil {
			d.Speak(pcm)
		}
	}
	d.mu.Lock()
	stop := make(chan struct{})
	d.stop = stop
	limit := int(max * hardware.SampleRate / time.Second)
	n := min(limit, len(d.mic))
	out := append([]int16(nil), d.mic[:n]...)
	d.mic = d.mic[n:]
	d.mu.Unlock()
	if d.MicRealTime {
		return d.recordRealTime(ctx, out, limit, stop, level)
	}
	for i := 0; i < len(out); i += block {
		if level != nil {
			level(hardware.RMS(out[i:min(i+block, len(out))]))
		}
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for len(out) < limit {
		select {
		case <-stop:
			return out, nil
		case <-ctx.Done():
			return out, ctx.Err()
		case <-tick.C:
			out = append(out, make([]int16, min(block, limit-len(out)))...)
			if level != nil {
				level(0)
			}
		}
	}
	return out, nil
}

// recordRealTime hears the queued samples heard one 50 ms block at a time,
// then silence, until limit, Stop or ctx.
func (d *Device) recordRealTime(ctx context.Context, said []int16, limit int, stop chan struct{}, level func(float64)) ([]int16, error) {
	const block = hardware.SampleRate / 20
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var out []int16
	for len(out) < limit {
		select {
		case <-stop:
			return out, nil
		case <-ctx.Done():
			return out, ctx.Err()
		case <-tick.C:
		}
		next := make([]int16, min(block, limit-len(out)))
		if len(out) < len(said) {
			copy(next, said[len(out):])
		}
		out = append(out, next...)
		if level != nil {
			level(hardware.RMS(next))
		}
	}
	return out, nil
}

// Stop ends the clip playing or the recording now.
func (d *Device) Stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
}

// Speak queues pcm for the microphone.
func (d *Device) Speak(pcm []int16) {
	d.mu.Lock()
	d.mic = append(d.mic, pcm...)
	d.mu.Unlock()
}

// SpeakFile queues a WAV file for the microphone.
func (d *Device) SpeakFile(path string) error {
	pcm, err := wav.ReadFile(path)
	if err != nil {
		return err
	}
	d.Speak(pcm)
	return nil
}

// Played returns the clips played so far, in order.
func (d *Device) Played() []Clip {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Clip(nil), d.played...)
}

// Wait returns once at least n clips have been played, or ctx's error.
func (d *Device) Wait(ctx context.Context, n int) ([]Clip, error) {
	for {
		d.mu.Lock()
		got, sig := d.count, d.signal
		d.mu.Unlock()
		if got >= n {
			return d.Played(), nil
		}
		select {
		case <-sig:
		case <-ctx.Done():
			return d.Played(), fmt.Errorf("waiting for clip %d of which %d played: %w", n, got, ctx.Err())
		}
	}
}
