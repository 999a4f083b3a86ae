package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/hardware/malgo"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
	"opinionwall/voice/opus"
)

// phone is the booth's telephone side: the sound card, the voice and the
// dialogue. Nil on a wall kiosk.
type phone struct {
	booth *booth.Booth
	audio string // for telemetry: "ok: <card>", or why the booth is silent
	up    bool   // the handset is off the hook (the events' goroutine only)

	mu      sync.Mutex // the pack changes when the station pushes one
	pack    string     // the voice pack in use, or why none
	version int64      // its version, 0 for none
}

// usePack notes the pack in use, for telemetry and the log.
func (p *phone) usePack(pack *voicepack.Pack) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pack = fmt.Sprintf("v%d by %s, %d prompts", pack.Version, pack.By, len(pack.Recorded()))
	p.version = pack.Version
}

// packState is the pack in use and its version, for telemetry.
func (p *phone) packState() (string, int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pack, p.version
}

// openAudio opens the sound card the configuration names. The second
// result says, for telemetry, what plays or why nothing does.
func openAudio(cfg kiosk.BoothSection, dataDir string, log *slog.Logger) (hardware.Audio, string, func() error) {
	switch cfg.AudioDevice {
	case "":
		return nil, "none: no audio_device configured; the booth is silent", nil
	case "fake":
		dir := filepath.Join(dataDir, "audio-fake")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, "none: fake device: " + err.Error(), nil
		}
		d := audiotest.New()
		d.RealTime, d.Dir, d.Keep, d.MicFile = true, dir, 200, filepath.Join(dir, "mic.wav")
		return d, "ok: fake device in " + dir, nil
	}
	d := &malgo.Device{Name: cfg.AudioDevice}
	if err := d.Open(); err != nil {
		log.Error("no sound card: the booth is silent", "audio_device", cfg.AudioDevice, "err", err)
		return nil, "none: " + err.Error(), nil
	}
	return d, "ok: " + d.Describe(), d.Close
}

// openPhone makes the booth's dialogue on a phone booth; the voice's fixed
// prompts are rendered in the background (from the install's cache they
// take a moment).
func (m *Main) openPhone(ctx context.Context) error {
	if m.cfg.Kiosk.Role != kiosk.RoleBooth {
		return nil
	}
	c := m.cfg.Booth
	audio, state, closeAudio := openAudio(c, m.DataDir, m.log)
	if closeAudio != nil {
		m.closers = append(m.closers, closeAudio)
	}
	synth := &espeak.Espeak{Voice: c.Voice, CacheDir: filepath.Join(m.DataDir, "speech")}
	if err := synth.Check(ctx); err != nil {
		m.log.Error("no speech synthesis: only recorded prompts play", "err", err)
	}
	p := &phone{audio: state}
	voice := &booth.Voice{Synth: synth, Level: c.PromptLevel}
	if pack, err := m.loadPack(c.VoicePack); err != nil {
		p.pack = err.Error()
		if !errors.Is(err, voicepack.ErrNoPack) {
			m.log.Warn("voice pack not used: every prompt is synthesised", "err", err)
		}
	} else {
		voice.Pack = pack
		p.usePack(pack)
	}
	if m.relay != nil { // packs the station pushes, installed while the booth runs
		in := &voicepack.Installer{Path: c.VoicePack, Verifier: m.relay.Trust, Voice: voice,
			Installed: func(pack *voicepack.Pack) {
				p.usePack(pack)
				m.log.Info("voice pack installed", "version", pack.Version, "by", pack.By, "problems", pack.Problems)
			}}
		m.relay.VoicePack = in
		m.closers = append(m.closers, in.Close)
	}
	service := ""
	if len(m.cfg.Services) > 0 {
		service = m.cfg.Services[0].ID
	}
	p.booth = &booth.Booth{Audio: audio, Voice: voice, Config: c, KioskID: m.cfg.Kiosk.ID, Service: service,
		Store: notifyingStore{m.db, m.relay, m.log}, Lookup: m.lookup(), Wall: m.db,
		Event: func(name string) { m.db.AddCounter(context.Background(), "booth_"+name, 1) },
		// Key 4: voice messages, stored with their ticket, relayed in chunks.
		Sink: newVoice(&m.cfg, m.db, func() {
			if m.relay != nil {
				m.relay.Notify()
			}
		})}
	if err := p.booth.Open(); err != nil {
		return err
	}
	m.closers = append(m.closers, p.booth.Close)
	m.phone = p
	m.background(ctx, func(ctx context.Context) {
		n, err := voice.Prepare(ctx)
		pack, _ := p.packState()
		m.log.Info("booth voice ready", "recorded", n, "of", len(booth.Prompts), "err", err, "audio", state, "pack", pack)
	})
	return nil
}

func init() {
	// Packs carry their clips as Ogg Opus (kioskctl voicepack sign).
	voicepack.OpusDecoder = func(b []byte) ([]int16, error) { return opus.Decode(b, hardware.SampleRate) }
}

// loadPack reads the installed voice pack, checked against the operations
// keys of the relay's trust directory.
func (m *Main) loadPack(path string) (*voicepack.Pack, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, voicepack.ErrNoPack
	}
	trust, err := mqtt.LoadTrust(m.Relay.trust)
	if err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	return voicepack.Load(path, trust)
}

// boothKey is a tap on a key of the booth's screen.
func (m *Main) boothKey(k booth.Key) {
	if m.phone != nil {
		m.phone.booth.Press(k)
	}
}

// handle gives the booth the events that are the telephone's: the hook,
// the keypad, and while the handset is up the rating and help buttons as
// keys. It reports whether the event was the booth's.
func (p *phone) handle(e hardware.Event) bool {
	switch {
	case e.Kind == hardware.HookUp:
		p.up = true
		p.booth.HookUp()
		return true
	case e.Kind == hardware.HookDown:
		p.up = false
		p.booth.HookDown()
		return true
	case e.Kind != hardware.Press:
		return false
	}
	k, ok := booth.KeyOf(e.Input)
	if !ok || (!p.up && !hardware.IsKeyInput(e.Input)) { // buttons are keys only off the hook
		return false
	}
	p.booth.Press(k)
	return true
}
