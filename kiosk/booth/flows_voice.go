package booth

import (
	"context"
	"errors"
	"time"

	"opinionwall/hardware"
)

var recordChoices = []Choice{{KeyHash, "done"}}

// Beep is the tone after which the caller speaks: 1 kHz for 0.3 s.
var Beep = hardware.Tone(1000, hardware.SampleRate*3/10, 0.3)

// voice: the prompt, the beep, up to MaxMessage of recording with a level
// meter, ended by # or by hanging up. A message shorter than MinMessage or
// without speech is discarded, and the caller told so when still there;
// a kept one is stored and its receipt code read out twice.
func (v *visit) voice(ctx context.Context) error {
	cfg := v.b.Config
	if v.b.Sink == nil {
		v.show(View{Step: StepNoService})
		return errBackAfter(v.play(ctx, say(VoiceOff)))
	}
	v.show(View{Step: StepMessage})
	if err := v.play(ctx, say(VoiceIntro)); err != nil {
		return err
	}
	if err := v.b.Audio.Play(ctx, Beep); err != nil {
		return err
	}
	pcm, hungUp, err := v.record(ctx)
	if err != nil {
		v.show(View{Step: StepNoService})
		return errBackAfter(v.play(ctx, say(VoiceOff)))
	}
	short := hardware.Duration(pcm) < cfg.MinMessage.D()
	speech := hardware.Speech(pcm, cfg.SpeechLevel, 200*time.Millisecond)
	switch {
	case short || !speech:
		why := map[bool]string{true: "voice_discarded_short", false: "voice_discarded_silence"}[short]
		v.b.event(why)
		if hungUp {
			return ctx.Err()
		}
		v.show(View{Step: StepMessage})
		return errBackAfter(v.play(ctx, say(map[bool]Prompt{true: VoiceShort, false: VoiceSilent}[short])))
	}
	// Kept: stored even when the caller has hung up, as a letter posted.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	code, err := v.b.Sink.SaveVoice(sctx, pcm, hardware.SampleRate)
	cancel()
	if err != nil {
		v.b.event("voice_failed")
		if hungUp {
			return ctx.Err()
		}
		v.show(View{Step: StepMessage})
		return errBackAfter(v.play(ctx, say(VoiceFailed)))
	}
	v.b.event("voice_saved")
	if hungUp {
		return ctx.Err()
	}
	v.show(View{Step: StepSaved, Code: code})
	digits := sayText("您的回执号码是：" + Digits(code) + "。")
	return errBackAfter(v.play(ctx, say(VoiceSaved), digits, say(VoiceAgain), digits))
}

// record captures the message until # or MaxMessage (hungUp false) or the
// handset goes down (hungUp true), showing the level as it goes.
func (v *visit) record(ctx context.Context) (pcm []int16, hungUp bool, err error) {
	levels := make(chan float64, 1)
	type result struct {
		pcm []int16
		err error
	}
	done := make(chan result, 1)
	// # ends the recording through its own context: a Stop could come
	// before the device has started.
	rctx, finish := context.WithCancel(ctx)
	defer finish()
	go func() {
		p, err := v.b.Audio.Record(rctx, v.b.Config.MaxMessage.D(), func(l float64) {
			select {
			case <-levels:
			default:
			}
			levels <- l
		})
		done <- result{p, err}
	}()
	v.show(View{Step: StepRecord, Choices: recordChoices})
	for {
		select {
		case l := <-levels:
			view := v.view
			view.Level = l
			v.show(view)
		case k := <-v.keys:
			if k == KeyHash {
				finish()
				v.b.Audio.Stop()
			}
		case r := <-done:
			switch {
			case ctx.Err() != nil:
				return r.pcm, true, nil
			case r.err != nil && !errors.Is(r.err, context.Canceled):
				return nil, false, r.err
			}
			return r.pcm, false, nil
		}
	}
}
