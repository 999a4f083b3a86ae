package booth

import (
	"context"
	"errors"
	"time"

	"opinionwall/hardware"
)

// errTimeout ends a visit whose caller stopped answering.
var errTimeout = errors.New("booth: no key after 还在吗")

// errBack leaves a flow for the menu.
var errBack = errors.New("booth: back to the menu")

// visit is one caller's dialogue, run on its own goroutine.
type visit struct {
	b      *Booth
	cancel context.CancelFunc
	keys   chan Key
	done   chan struct{}
	louder bool
	view   View
}

func (v *visit) ended() bool {
	select {
	case <-v.done:
		return true
	default:
		return false
	}
}

// utterance is a fixed prompt or a sentence to synthesise.
type utterance struct {
	prompt Prompt
	text   string
}

func say(p Prompt) utterance     { return utterance{prompt: p} }
func sayText(t string) utterance { return utterance{text: t} }
func (u utterance) words() string {
	return map[bool]string{true: u.text, false: u.prompt.Text()}[u.prompt == ""]
}

// show sets the screen's step and choices, keeping the visit's volume.
func (v *visit) show(view View) {
	view.Louder = v.louder
	v.view = view
	v.b.show(view)
}

// play says utterances in order; a clip that cannot be rendered is skipped
// (the screen still shows its words), so a broken voice never stops the
// dialogue.
func (v *visit) play(ctx context.Context, us ...utterance) error {
	for _, u := range us {
		if err := ctx.Err(); err != nil {
			return err
		}
		view := v.view
		view.Said, view.Prompt = u.words(), u.prompt
		v.show(view)
		var pcm []int16
		var err error
		if u.prompt != "" {
			pcm, err = v.b.Voice.Prompt(ctx, u.prompt)
		} else {
			pcm, err = v.b.Voice.Say(ctx, u.text)
		}
		if err != nil {
			v.b.event("voice_error")
			continue
		}
		if v.louder {
			pcm = hardware.Gain(pcm, v.b.Config.LouderGain)
		}
		if err := v.b.Audio.Play(ctx, pcm); err != nil {
			return err
		}
	}
	return nil
}

// drain forgets keys typed ahead.
func (v *visit) drain() {
	for {
		select {
		case <-v.keys:
		default:
			return
		}
	}
}

// ask plays utterances and returns the first key pressed, during them or
// within the key timeout after. A key cuts the playing short. Without a
// key it asks 还在吗？ and once more; then the visit ends (errTimeout).
// The volume key is answered here, wherever the caller is.
func (v *visit) ask(ctx context.Context, us ...utterance) (Key, error) {
	for attempt := 0; attempt < 2; {
		k, err := v.askOnce(ctx, us)
		switch {
		case err != nil:
			return 0, err
		case k == KeyLouder:
			v.louder = !v.louder
			confirm := Normal
			if v.louder {
				confirm = Louder
			}
			if err := v.play(ctx, say(confirm)); err != nil {
				return 0, err
			}
		case k != 0:
			return k, nil
		default:
			attempt++
			if attempt < 2 {
				if err := v.play(ctx, say(StillThere)); err != nil {
					return 0, err
				}
			}
		}
	}
	return 0, errTimeout
}

// askOnce returns a key, or 0 when the key timeout passed without one.
func (v *visit) askOnce(ctx context.Context, us []utterance) (Key, error) {
	select {
	case k := <-v.keys: // typed ahead
		return k, nil
	default:
	}
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	played := make(chan error, 1)
	go func() { played <- v.play(pctx, us...) }()
	select {
	case k := <-v.keys:
		cancel()
		v.b.Audio.Stop()
		<-played
		return k, nil
	case <-played:
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	t := time.NewTimer(v.b.Config.KeyTimeout.D())
	defer t.Stop()
	select {
	case k := <-v.keys:
		return k, nil
	case <-t.C:
		return 0, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// run is the visit: the menu, and each flow until the caller hangs up or
// stops answering.
func (v *visit) run(ctx context.Context) error {
	v.show(View{Step: StepMenu, Choices: menuChoices})
	if err := v.play(ctx, say(Welcome)); err != nil {
		return err
	}
	for {
		v.show(View{Step: StepMenu, Choices: menuChoices})
		k, err := v.ask(ctx, say(Menu))
		if errors.Is(err, errTimeout) {
			v.show(View{Step: StepGoodbye})
			v.play(ctx, say(Goodbye))
		}
		if err != nil {
			return err
		}
		if err := v.choose(ctx, k); err != nil && !errors.Is(err, errBack) {
			if errors.Is(err, errTimeout) {
				v.show(View{Step: StepGoodbye})
				v.play(ctx, say(Goodbye))
			}
			return err
		}
	}
}

var menuChoices = []Choice{{'1', "rate"}, {'2', "wall"}, {'3', "lookup"}, {'4', "voice"}, {KeyStar, "repeat"}, {'0', "louder"}}

func (v *visit) choose(ctx context.Context, k Key) error {
	switch k {
	case '1':
		return v.rate(ctx)
	case '2':
		return v.wall(ctx)
	case '3':
		return v.lookup(ctx)
	case '4':
		return v.voice(ctx)
	case '0':
		v.keys <- KeyLouder // answered by the menu's ask
		return nil
	case KeyStar:
		return nil
	}
	v.show(View{Step: StepMessage})
	return v.play(ctx, say(Invalid))
}
