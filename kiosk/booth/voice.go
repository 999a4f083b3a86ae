package booth

import (
	"context"
	"fmt"
	"sync"

	"opinionwall/hardware"
)

// Synthesizer speaks text: espeak-ng in production (kiosk/espeak).
type Synthesizer interface {
	Synthesize(ctx context.Context, text string) ([]int16, error)
}

// Pack holds recorded prompts. Clip returns false for a prompt the pack
// lacks or holds damaged: the voice then synthesises that one.
type Pack interface {
	Clip(p Prompt) ([]int16, bool)
}

// Voice turns what the booth says into sound: a fixed prompt from the
// recorded pack when it has it, otherwise synthesised; dynamic text is
// always synthesised. Every clip is normalised to Level, so a recorded
// prompt is as loud as a synthesised one.
type Voice struct {
	Synth Synthesizer
	Pack  Pack    // nil for none
	Level float64 // RMS of every clip

	mu    sync.Mutex
	fixed map[Prompt][]int16
	gen   int // bumped by SetPack: a prompt rendered from an older pack is not kept
}

// Prepare renders every fixed prompt now, so the first one plays at once
// when a handset is lifted. It returns how many came from the pack and
// the first synthesis error; the booth still works without them.
func (v *Voice) Prepare(ctx context.Context) (recorded int, err error) {
	for _, p := range Prompts {
		if e := ctx.Err(); e != nil {
			return recorded, e
		}
		pcm, fromPack, gen, e := v.render(ctx, p.ID)
		if e != nil && err == nil {
			err = e
		}
		if fromPack {
			recorded++
		}
		if e == nil {
			v.mu.Lock()
			if v.fixed == nil {
				v.fixed = map[Prompt][]int16{}
			}
			if gen == v.gen { // no newer pack came while it was rendered
				v.fixed[p.ID] = pcm
			}
			v.mu.Unlock()
		}
	}
	return recorded, err
}

// Prompt returns the sound of a fixed prompt.
func (v *Voice) Prompt(ctx context.Context, p Prompt) ([]int16, error) {
	v.mu.Lock()
	pcm, ok := v.fixed[p]
	v.mu.Unlock()
	if ok {
		return pcm, nil
	}
	pcm, _, _, err := v.render(ctx, p)
	return pcm, err
}

// SetPack changes the recorded prompts while the booth runs (a pack the
// station pushed): prompts rendered before are forgotten, so the next one
// comes from the new pack; Prepare renders them all again.
func (v *Voice) SetPack(p Pack) {
	v.mu.Lock()
	v.Pack, v.fixed = p, nil
	v.gen++
	v.mu.Unlock()
}

// render makes a prompt's sound from the pack, or synthesised; gen is the
// pack's generation it was made for.
func (v *Voice) render(ctx context.Context, p Prompt) (pcm []int16, fromPack bool, gen int, err error) {
	v.mu.Lock()
	pack, gen := v.Pack, v.gen
	v.mu.Unlock()
	if pack != nil {
		if pcm, ok := pack.Clip(p); ok && len(pcm) > 0 {
			return hardware.Normalize(pcm, v.Level), true, gen, nil
		}
	}
	text := p.Text()
	if text == "" {
		return nil, false, gen, fmt.Errorf("no prompt %q", p)
	}
	pcm, err = v.Say(ctx, text)
	return pcm, false, gen, err
}

// Say synthesises text.
func (v *Voice) Say(ctx context.Context, text string) ([]int16, error) {
	if v.Synth == nil {
		return nil, fmt.Errorf("say %q: no synthesizer", text)
	}
	pcm, err := v.Synth.Synthesize(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("say %q: %w", text, err)
	}
	return hardware.Normalize(pcm, v.Level), nil
}
