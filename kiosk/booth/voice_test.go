package booth_test

import (
	"context"
	"slices"
	"testing"

	"opinionwall/hardware"
	"opinionwall/kiosk/booth"
)

// heldSynth synthesises a tone once released, saying when it started.
type heldSynth struct{ started, release chan struct{} }

func (s heldSynth) Synthesize(ctx context.Context, text string) ([]int16, error) {
	s.started <- struct{}{}
	<-s.release
	return hardware.Tone(200, hardware.SampleRate, 0.2), nil
}

type onePrompt struct {
	p   booth.Prompt
	pcm []int16
}

func (o onePrompt) Clip(p booth.Prompt) ([]int16, bool) { return o.pcm, p == o.p }

// TestNewPackWinsOverARenderUnderWay: a prompt being synthesised when a
// pack with its recording arrives is not kept over the recording.
func TestNewPackWinsOverARenderUnderWay(t *testing.T) {
	synth := heldSynth{started: make(chan struct{}), release: make(chan struct{})}
	v := &booth.Voice{Synth: synth, Level: 0.1}
	done := make(chan struct{})
	go func() {
		defer close(done)
		v.Prepare(context.Background())
	}()
	<-synth.started // the first prompt, synthesised for want of a pack
	recorded := hardware.Tone(440, hardware.SampleRate, 0.2)
	v.SetPack(onePrompt{booth.Prompts[0].ID, recorded})
	close(synth.release) // the old rendering finishes after the pack came
	go func() {
		for range synth.started {
		}
	}()
	<-done
	close(synth.started)
	got, err := v.Prompt(context.Background(), booth.Prompts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := hardware.Normalize(recorded, 0.1); !slices.Equal(got, want) {
		t.Error("the booth plays the synthesised prompt, not the new pack's recording")
	}
}
