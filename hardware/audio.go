package hardware

import (
	"context"
	"errors"
	"time"
)

// SampleRate is the one audio format of the kiosk: 16 kHz mono, signed
// 16-bit samples. Prompts, recordings and voice messages all use it.
const SampleRate = 16000

// ErrNoAudio says the kiosk has no audio device configured or present: the
// booth works silently and telemetry says so.
var ErrNoAudio = errors.New("no audio device")

// Audio plays clips through the handset (or speaker) and records from its
// microphone. One clip plays or one recording runs at a time; a new Play
// or Record waits for none, the caller orders them.
type Audio interface {
	// Play plays pcm (SampleRate, mono) and returns once it has been heard,
	// or early with ctx's error, or nil when Stop cut it short.
	Play(ctx context.Context, pcm []int16) error
	// Record captures up to max from the microphone, calling level (when
	// not nil) about every 50 ms with the loudness of the latest block,
	// 0 (silence) to 1 (full scale RMS). It returns what was captured when
	// max has passed or Stop was called (nil error), or when ctx ends
	// (with ctx's error and what was captured until then).
	Record(ctx context.Context, max time.Duration, level func(rms float64)) ([]int16, error)
	// Stop ends the clip playing or the recording running now, at once.
	Stop()
}

// Duration is how long pcm lasts at SampleRate.
func Duration(pcm []int16) time.Duration {
	return time.Duration(len(pcm)) * time.Second / SampleRate
}
