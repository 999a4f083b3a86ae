package voicepack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"opinionwall/hardware/wav"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
)

// Type and Topic bind a pack's signature: the signed message type (an
// operations key's) and the retained topic a hub publishes it on.
const (
	Type  = "voicepack"
	Topic = "ow/v1/voicepack"
	// MaxBytes bounds a signed pack: 30 prompts of about 3 s at 16 kHz.
	MaxBytes = 4 << 20
)

// ErrNoPack says no pack is installed: the booth synthesises every prompt.
var ErrNoPack = errors.New("no voice pack")

// ErrNotNewer says a pack is not newer than the installed one (a kiosk
// ECONFLICT error wraps it).
var ErrNotNewer = errors.New("not newer than the installed pack")

// Manifest is a pack's signed payload: each prompt's recording as a WAV
// file or an Ogg Opus file (told apart by their first bytes), by prompt id.
// 29 prompts as WAV run to 150 s of audio, about 8 MB signed: over what a
// broker carries (mqtt.MaxSignedBytes), so kioskctl codes them as Opus.
type Manifest struct {
	Version int64             `json:"version"`
	By      string            `json:"by"` // who recorded it
	Made    time.Time         `json:"made"`
	Clips   map[string][]byte `json:"clips"`
}

// Verifier checks a signed envelope of type what on topic and returns its
// payload and the key that signed it (mqtt.Trust.Open).
type Verifier interface {
	Open(what, topic string, b []byte, limit int) ([]byte, string, error)
}

// Pack is a verified pack, decoded.
type Pack struct {
	Version  int64
	By       string
	Key      string   // the operations key that signed it
	Problems []string // clips left out, and why
	clips    map[booth.Prompt][]int16
}

var _ booth.Pack = (*Pack)(nil)

// Clip returns a prompt's recording, if the pack has a good one.
func (p *Pack) Clip(id booth.Prompt) ([]int16, bool) {
	if p == nil {
		return nil, false
	}
	pcm, ok := p.clips[id]
	return pcm, ok
}

// Recorded lists the prompts the pack has, sorted.
func (p *Pack) Recorded() []booth.Prompt {
	var out []booth.Prompt
	for id := range p.clips {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Decode checks a signed pack and decodes its clips. A clip of an unknown
// prompt or one that is not a WAV file is left out, named in Problems.
func Decode(b []byte, v Verifier) (*Pack, error) {
	payload, key, err := v.Open(Type, Topic, b, MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(payload, &m); err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	if m.Version < 1 {
		return nil, fmt.Errorf("voice pack: version %d is not positive", m.Version)
	}
	p := &Pack{Version: m.Version, By: m.By, Key: key, clips: map[booth.Prompt][]int16{}}
	known := map[booth.Prompt]bool{}
	for _, x := range booth.Prompts {
		known[x.ID] = true
	}
	for id, data := range m.Clips {
		if !known[booth.Prompt(id)] {
			p.Problems = append(p.Problems, fmt.Sprintf("%s: not a prompt of this booth", id))
			continue
		}
		pcm, err := decodeClip(data)
		if err == nil && len(pcm) == 0 {
			err = errors.New("no sound")
		}
		if err != nil {
			p.Problems = append(p.Problems, fmt.Sprintf("%s: %v", id, err))
			continue
		}
		p.clips[booth.Prompt(id)] = pcm
	}
	sort.Strings(p.Problems)
	return p, nil
}

// OpusDecoder turns an Ogg Opus clip into 16 kHz mono PCM. It is set where
// libopus is linked (cmd/kiosk, voice/opus); without it an Opus clip is
// left out and its prompt synthesised.
var OpusDecoder func(file []byte) ([]int16, error)

// decodeClip reads a WAV or an Ogg Opus clip.
func decodeClip(data []byte) ([]int16, error) {
	if !bytes.HasPrefix(data, []byte("OggS")) {
		return wav.Decode(data)
	}
	if OpusDecoder == nil {
		return nil, errors.New("an Opus clip, and no Opus decoder here")
	}
	return OpusDecoder(data)
}

// Load reads the pack installed at path: ErrNoPack when there is none.
func Load(path string, v Verifier) (*Pack, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoPack
	}
	if err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	return Decode(b, v)
}

// Install checks a signed pack and, when it is newer than the one at path,
// writes it there atomically. An older or equal version is refused: a
// replayed pack cannot bring an old voice back. The very pack installed is
// returned with kiosk.ErrPackInstalled, and nothing is written.
func Install(path string, b []byte, v Verifier) (*Pack, error) {
	p, err := Decode(b, v)
	if err != nil {
		return nil, err
	}
	if installed, err := os.ReadFile(path); err == nil && bytes.Equal(installed, b) {
		return p, kiosk.ErrPackInstalled
	}
	if cur, err := Load(path, v); err == nil && cur.Version >= p.Version {
		return nil, kiosk.WrapError(kiosk.ECONFLICT, ErrNotNewer, "voice pack: version %d is not newer than the installed %d", p.Version, cur.Version)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	tmp := path + ".tmp"
	if err := writeSync(tmp, b); err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	return p, nil
}

func writeSync(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Build makes a manifest of recorded clips (16 kHz mono), for signing.
func Build(version int64, by string, made time.Time, clips map[booth.Prompt][]int16) Manifest {
	m := Manifest{Version: version, By: by, Made: made, Clips: map[string][]byte{}}
	for id, pcm := range clips {
		m.Clips[string(id)] = wav.Encode(pcm)
	}
	return m
}
