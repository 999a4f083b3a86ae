//go:build cgo

package malgo

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	ma "github.com/gen2brain/malgo"

	"opinionwall/hardware"
)

// Device is one sound card, used for playback and capture at
// hardware.SampleRate, mono, 16-bit. Open finds it; Close lets it go.
type Device struct {
	// Name is "default" for the system's default card, or a part of the
	// card's name as Devices lists it (case does not matter).
	Name string
	// Backends to try, in order; nil for miniaudio's own order (PulseAudio,
	// ALSA, ...). Tests use BackendNull.
	Backends []ma.Backend

	ctx      *ma.AllocatedContext
	play     *ma.DeviceInfo // nil: the default
	capture  *ma.DeviceInfo
	mu       sync.Mutex
	stop     chan struct{}
	playName string
	capName  string
}

var _ hardware.Audio = (*Device)(nil)

// BackendNull is miniaudio's null backend: a card that discards what it
// plays and hears silence, in real time. malgo v0.11.24's own BackendNull
// is off by one (miniaudio added ma_backend_custom before it) and names
// the custom backend, which fails with "No backend".
const BackendNull = ma.BackendNull + 1

// nullName begins the name miniaudio gives its null device, which it
// lists among the cards of a machine without any.
const nullName = "Discard all samples"

// Open finds the card. A card that is not there is hardware.ErrNoAudio.
func (d *Device) Open() error {
	c, err := ma.InitContext(d.Backends, ma.ContextConfig{}, nil)
	if err != nil {
		return fmt.Errorf("audio: %w: %v", hardware.ErrNoAudio, err)
	}
	d.ctx, d.stop = c, make(chan struct{})
	var perr, cerr error
	d.play, d.playName, perr = d.find(ma.Playback)
	d.capture, d.capName, cerr = d.find(ma.Capture)
	if perr != nil {
		d.Close()
		return perr
	}
	if cerr != nil {
		d.Close()
		return cerr
	}
	return nil
}

// Describe says which cards were found, for telemetry and hwcheck.
func (d *Device) Describe() string {
	return fmt.Sprintf("playback %q, capture %q", d.playName, d.capName)
}

func (d *Device) find(kind ma.DeviceType) (*ma.DeviceInfo, string, error) {
	infos, err := d.ctx.Devices(kind)
	if err != nil {
		return nil, "", fmt.Errorf("audio: list devices: %w: %v", hardware.ErrNoAudio, err)
	}
	var names []string
	null := slices.Contains(d.Backends, BackendNull)
	for i := range infos {
		name := infos[i].Name()
		if !null && strings.HasPrefix(name, nullName) {
			continue // miniaudio's null device is no sound card
		}
		names = append(names, name)
		if d.Name == "default" && infos[i].IsDefault != 0 {
			return nil, name, nil
		}
		if d.Name != "default" && strings.Contains(strings.ToLower(name), strings.ToLower(d.Name)) {
			return &infos[i], name, nil
		}
	}
	if d.Name == "default" && len(names) > 0 {
		return nil, names[0], nil
	}
	return nil, "", fmt.Errorf("audio: %w: no device %q among %q", hardware.ErrNoAudio, d.Name, names)
}

// Devices lists the cards' names for playback and capture.
func (d *Device) Devices() (playback, capture []string, err error) {
	for _, k := range []ma.DeviceType{ma.Playback, ma.Capture} {
		infos, err := d.ctx.Devices(k)
		if err != nil {
			return nil, nil, err
		}
		for i := range infos {
			if k == ma.Playback {
				playback = append(playback, infos[i].Name())
			} else {
				capture = append(capture, infos[i].Name())
			}
		}
	}
	return playback, capture, nil
}

// Close releases the context.
func (d *Device) Close() error {
	if d.ctx == nil {
		return nil
	}
	err := d.ctx.Uninit()
	d.ctx.Free()
	d.ctx = nil
	return err
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

// begin gives the next Play or Record a fresh stop channel.
func (d *Device) begin() chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stop = make(chan struct{})
	return d.stop
}

func (d *Device) config(kind ma.DeviceType, info *ma.DeviceInfo) ma.DeviceConfig {
	cfg := ma.DefaultDeviceConfig(kind)
	cfg.SampleRate = hardware.SampleRate
	cfg.PeriodSizeInMilliseconds = 20
	cfg.Alsa.NoMMap = 1
	sub := ma.SubConfig{Format: ma.FormatS16, Channels: 1}
	if info != nil {
		sub.DeviceID = info.ID.Pointer()
	}
	if kind == ma.Playback {
		cfg.Playback = sub
	} else {
		cfg.Capture = sub
	}
	return cfg
}

// Play plays pcm and returns when it has been heard, Stop or ctx.
func (d *Device) Play(ctx context.Context, pcm []int16) error {
	stop := d.begin()
	var mu sync.Mutex
	pos, tail := 0, 0
	done := make(chan struct{})
	var once sync.Once
	cb := func(out, _ []byte, frames uint32) {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for ; n < int(frames) && pos < len(pcm); n++ {
			binary.LittleEndian.PutUint16(out[2*n:], uint16(pcm[pos]))
			pos++
		}
		clear(out[2*n:])
		if pos >= len(pcm) {
			// Two periods of silence after the last sample: it has left
			// the card's buffer.
			if tail++; tail > 2 {
				once.Do(func() { close(done) })
			}
		}
	}
	dev, err := ma.InitDevice(d.ctx.Context, d.config(ma.Playback, d.play), ma.DeviceCallbacks{Data: cb})
	if err != nil {
		return fmt.Errorf("audio: open playback: %w", err)
	}
	defer dev.Uninit()
	if err := dev.Start(); err != nil {
		return fmt.Errorf("audio: start playback: %w", err)
	}
	limit := time.NewTimer(hardware.Duration(pcm) + 2*time.Second) // a card that stopped asking
	defer limit.Stop()
	select {
	case <-done:
	case <-stop:
	case <-limit.C:
		return fmt.Errorf("audio: playback stalled")
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// Record captures up to max, calling level every 50 ms.
func (d *Device) Record(ctx context.Context, max time.Duration, level func(float64)) ([]int16, error) {
	stop := d.begin()
	limit := int(max * hardware.SampleRate / time.Second)
	var mu sync.Mutex
	got := make([]int16, 0, limit)
	cb := func(_, in []byte, frames uint32) {
		mu.Lock()
		defer mu.Unlock()
		for i := 0; i < int(frames) && len(got) < limit; i++ {
			got = append(got, int16(binary.LittleEndian.Uint16(in[2*i:])))
		}
	}
	dev, err := ma.InitDevice(d.ctx.Context, d.config(ma.Capture, d.capture), ma.DeviceCallbacks{Data: cb})
	if err != nil {
		return nil, fmt.Errorf("audio: open capture: %w", err)
	}
	defer dev.Uninit()
	if err := dev.Start(); err != nil {
		return nil, fmt.Errorf("audio: start capture: %w", err)
	}
	snapshot := func() []int16 {
		mu.Lock()
		defer mu.Unlock()
		return append([]int16(nil), got...)
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	seen := 0
	for {
		select {
		case <-stop:
			dev.Stop()
			return snapshot(), nil
		case <-ctx.Done():
			dev.Stop()
			return snapshot(), ctx.Err()
		case <-tick.C:
			now := snapshot()
			if level != nil && len(now) > seen {
				level(hardware.RMS(now[seen:]))
			}
			seen = len(now)
			if len(now) >= limit {
				dev.Stop()
				return now, nil
			}
		}
	}
}
