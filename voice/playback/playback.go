package playback

import (
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gen2brain/malgo"

	"opinionwall/voice"
	"opinionwall/voice/opus"
)

// rate is what recordings are decoded to and played at.
const rate = 16000

// NullBackend is miniaudio's null device, which consumes samples at the
// real rate without hardware (tests, a PC without sound). malgo's
// enumeration lacks miniaudio's ma_backend_custom, so its BackendNull
// names the custom backend; the null one is the next.
const NullBackend = malgo.BackendNull + 1

// Player opens recordings for playing through the default output device.
// Set Backends (nil: miniaudio's choice for the platform; tests use
// NullBackend), then use it from any goroutine.
type Player struct {
	Backends []malgo.Backend

	mu  sync.Mutex
	ctx *malgo.AllocatedContext
}

// Open decodes an Ogg Opus recording for playing.
func (p *Player) Open(file []byte) (*Track, error) {
	pcm, err := opus.Decode(file, rate)
	if err != nil {
		return nil, err
	}
	return &Track{p: p, pcm: pcm}, nil
}

// Close frees the audio context.
func (p *Player) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx != nil {
		_ = p.ctx.Uninit()
		p.ctx.Free()
		p.ctx = nil
	}
	return nil
}

func (p *Player) context() (*malgo.AllocatedContext, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx == nil {
		ctx, err := malgo.InitContext(p.Backends, malgo.ContextConfig{}, nil)
		if err != nil {
			return nil, fmt.Errorf("playback: audio context: %w", err)
		}
		p.ctx = ctx
	}
	return p.ctx, nil
}

// Track is one decoded recording. Its methods are safe to call from any
// goroutine; the device's callback reads the samples.
type Track struct {
	p       *Player
	pcm     []int16
	pos     atomic.Int64 // the next sample to play
	playing atomic.Bool

	mu  sync.Mutex
	dev *malgo.Device
}

// Duration is the recording's length.
func (t *Track) Duration() time.Duration { return samples(len(t.pcm)) }

// Peaks are n bars of the waveform, 0 to 1.
func (t *Track) Peaks(n int) []float64 { return voice.Peaks(t.pcm, n) }

// Position is where playing is (or stopped).
func (t *Track) Position() time.Duration { return samples(int(t.pos.Load())) }

// Playing reports whether the track is playing; false once it reached its end.
func (t *Track) Playing() bool { return t.playing.Load() }

// Play plays from the given time, making the device on first use.
func (t *Track) Play(from time.Duration) error {
	t.pos.Store(min(max(int64(from.Seconds()*rate), 0), int64(len(t.pcm))))
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dev == nil {
		ctx, err := t.p.context()
		if err != nil {
			return err
		}
		cfg := malgo.DefaultDeviceConfig(malgo.Playback)
		cfg.Playback.Format, cfg.Playback.Channels, cfg.SampleRate = malgo.FormatS16, 1, rate
		dev, err := malgo.InitDevice(ctx.Context, cfg, malgo.DeviceCallbacks{Data: t.fill})
		if err != nil {
			return fmt.Errorf("playback: output device: %w", err)
		}
		t.dev = dev
	}
	t.playing.Store(true)
	if !t.dev.IsStarted() {
		if err := t.dev.Start(); err != nil {
			t.playing.Store(false)
			return fmt.Errorf("playback: start: %w", err)
		}
	}
	return nil
}

// fill is the device's callback: the next samples, silence after the end.
func (t *Track) fill(out, _ []byte, frames uint32) {
	if !t.playing.Load() {
		clear(out)
		return
	}
	pos := int(t.pos.Load())
	n := min(int(frames), len(t.pcm)-pos)
	for i := range n {
		binary.LittleEndian.PutUint16(out[2*i:], uint16(t.pcm[pos+i]))
	}
	clear(out[2*n:])
	t.pos.Store(int64(pos + n))
	if pos+n >= len(t.pcm) {
		t.playing.Store(false)
	}
}

// Pause stops playing where it is.
func (t *Track) Pause() {
	t.playing.Store(false)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dev != nil && t.dev.IsStarted() {
		_ = t.dev.Stop()
	}
}

// Close stops and frees the device.
func (t *Track) Close() error {
	t.Pause()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dev != nil {
		t.dev.Uninit()
		t.dev = nil
	}
	return nil
}

func samples(n int) time.Duration { return time.Duration(n) * time.Second / rate }
