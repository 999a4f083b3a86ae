package voicepack

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
)

// Studio records a voice pack prompt by prompt, as a station worker does
// at the station PC: record a take, listen to it, keep it. A kept take is
// written as Dir/<prompt>.wav, the folder `kioskctl voicepack sign DIR`
// signs. Audio is the station's sound card (hardware/malgo) or, in tests,
// the file-backed fake device.
type Studio struct {
	Audio hardware.Audio
	Dir   string
	Max   time.Duration // the longest take; default 20 s
	Level float64       // the RMS that counts as speech; default 0.03

	mu    sync.Mutex
	takes map[booth.Prompt][]int16
}

// ErrNothingHeard says a take held no speech: nothing is kept.
var ErrNothingHeard = errors.New("nothing heard: speak closer to the microphone")

// Record records a take of prompt p until Stop or Max, calling level with
// the loudness as it goes, and returns it with the silence around it
// trimmed. The take replaces the prompt's last one; it is kept only by Keep.
func (s *Studio) Record(ctx context.Context, p booth.Prompt, level func(float64)) (time.Duration, error) {
	if !known(p) {
		return 0, fmt.Errorf("record: %q is not a prompt", p)
	}
	pcm, err := s.Audio.Record(ctx, s.max(), level)
	if err != nil {
		return 0, fmt.Errorf("record %s: %w", p, err)
	}
	pcm = trim(pcm, s.level())
	if !hardware.Speech(pcm, s.level(), 200*time.Millisecond) {
		return 0, ErrNothingHeard
	}
	s.mu.Lock()
	if s.takes == nil {
		s.takes = map[booth.Prompt][]int16{}
	}
	s.takes[p] = pcm
	s.mu.Unlock()
	return hardware.Duration(pcm), nil
}

// Stop ends the take being recorded, or the one being listened to.
func (s *Studio) Stop() { s.Audio.Stop() }

// Listen plays prompt p's last take, or its kept one when there is none.
func (s *Studio) Listen(ctx context.Context, p booth.Prompt) error {
	s.mu.Lock()
	pcm, ok := s.takes[p]
	s.mu.Unlock()
	if !ok {
		var err error
		if pcm, err = wav.ReadFile(s.path(p)); err != nil {
			return fmt.Errorf("listen %s: no take: %w", p, err)
		}
	}
	return s.Audio.Play(ctx, pcm)
}

// Keep writes prompt p's last take as Dir/<p>.wav, atomically.
func (s *Studio) Keep(p booth.Prompt) error {
	s.mu.Lock()
	pcm, ok := s.takes[p]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("keep %s: nothing recorded", p)
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return fmt.Errorf("keep %s: %w", p, err)
	}
	tmp := s.path(p) + ".tmp"
	if err := writeSync(tmp, wav.Encode(pcm)); err != nil {
		return fmt.Errorf("keep %s: %w", p, err)
	}
	if err := os.Rename(tmp, s.path(p)); err != nil {
		return fmt.Errorf("keep %s: %w", p, err)
	}
	s.mu.Lock()
	delete(s.takes, p)
	s.mu.Unlock()
	return nil
}

// Kept lists the prompts with a kept recording in Dir, in the booth's order.
func (s *Studio) Kept() []booth.Prompt {
	var out []booth.Prompt
	for _, p := range booth.Prompts {
		if _, err := os.Stat(s.path(p.ID)); err == nil {
			out = append(out, p.ID)
		}
	}
	return out
}

func (s *Studio) path(p booth.Prompt) string { return filepath.Join(s.Dir, string(p)+".wav") }

func (s *Studio) max() time.Duration {
	if s.Max > 0 {
		return s.Max
	}
	return 20 * time.Second
}

func (s *Studio) level() float64 {
	if s.Level > 0 {
		return s.Level
	}
	return 0.03
}

func known(p booth.Prompt) bool {
	for _, x := range booth.Prompts {
		if x.ID == p {
			return true
		}
	}
	return false
}

// trim drops the quiet 50 ms blocks before the first loud one and after
// the last, keeping one block of each as a margin.
func trim(pcm []int16, level float64) []int16 {
	const block = hardware.SampleRate / 20
	first, last := -1, -1
	for i := 0; i < len(pcm); i += block {
		if hardware.RMS(pcm[i:min(i+block, len(pcm))]) >= level {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil
	}
	return pcm[max(first-block, 0):min(last+2*block, len(pcm))]
}
