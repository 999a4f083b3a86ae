package voicepack

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
)

// How a pack's clips travel: Ogg Opus at 24 kbit/s (29 prompts are about
// half a megabyte, which a broker carries) or WAV (about 8 MB, for
// installing by hand).
const (
	CodecOpus = "opus"
	CodecWAV  = "wav"
)

// OpusEncoder codes 16 kHz mono PCM as Ogg Opus at 24 kbit/s. It is set
// where libopus is linked (cmd/kioskctl, cmd/hub); without it only WAV
// packs can be made.
var OpusEncoder func(pcm []int16) ([]byte, error)

// Signer signs a message of a type for a topic (mqtt.Signer, with an
// operations key: a booth installs no pack signed by another role's key).
type Signer interface {
	Sign(typ, topic string, v any) ([]byte, error)
}

// ReadDir reads the recordings in dir, one <prompt>.wav per fixed prompt
// (the Studio's folder); a prompt without one is left out, to be
// synthesised at the booth. No recording at all is an error.
func ReadDir(dir string) (map[booth.Prompt][]int16, error) {
	clips := map[booth.Prompt][]int16{}
	for _, p := range booth.Prompts {
		pcm, err := wav.ReadFile(filepath.Join(dir, string(p.ID)+".wav"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		clips[p.ID] = pcm
	}
	if len(clips) == 0 {
		return nil, fmt.Errorf("no recordings in %s (name them <prompt>.wav: welcome.wav, menu.wav, ...)", dir)
	}
	return clips, nil
}

// Coded is Build with each clip coded as codec (CodecOpus or CodecWAV).
func Coded(version int64, by string, made time.Time, clips map[booth.Prompt][]int16, codec string) (Manifest, error) {
	m := Build(version, by, made, clips)
	switch codec {
	case CodecWAV:
		return m, nil
	case CodecOpus:
	default:
		return m, fmt.Errorf("codec %q: opus or wav", codec)
	}
	if OpusEncoder == nil {
		return m, errors.New("no Opus encoder in this program: use the wav codec")
	}
	for id, pcm := range clips {
		b, err := OpusEncoder(pcm)
		if err != nil {
			return m, fmt.Errorf("%s: %w", id, err)
		}
		m.Clips[string(id)] = b
	}
	return m, nil
}

// Seal signs a pack's manifest for the booths: the signed envelope a hub
// or kioskctl publishes on Topic. A pack over MaxBytes is refused here, as
// a booth would refuse it.
func Seal(s Signer, m Manifest) ([]byte, error) {
	if m.Version < 1 {
		return nil, fmt.Errorf("voice pack: version %d is not positive", m.Version)
	}
	b, err := s.Sign(Type, Topic, m)
	if err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	}
	if len(b) > MaxBytes {
		return nil, fmt.Errorf("the pack is %d bytes, over the %d a booth takes: shorten the recordings", len(b), MaxBytes)
	}
	return b, nil
}

// Make is the whole of making a pack from a Studio's folder: the
// recordings read, coded and signed. It returns the signed pack and the
// prompts it has.
func Make(s Signer, dir string, version int64, by string, made time.Time, codec string) ([]byte, map[booth.Prompt][]int16, error) {
	clips, err := ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	m, err := Coded(version, by, made, clips, codec)
	if err != nil {
		return nil, nil, err
	}
	b, err := Seal(s, m)
	return b, clips, err
}
