package booth

import (
	"context"
	"errors"
	"sync"

	"opinionwall/hardware"
)

// Reader reads a screen's words aloud through a wall kiosk's speaker (the
// 读给我听 button): synthesised in the screen's language, played at the
// voice's level. A new Read stops the one playing; Close stops it too.
type Reader struct {
	Audio  hardware.Audio
	Voices map[string]*Voice // by language: "zh" (espeak-ng cmn), "en"
	// Failed is told why a text could not be read (the log); nil ignores it.
	Failed func(error)

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// Read starts reading text in lang and returns at once.
func (r *Reader) Read(lang, text string) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	r.mu.Lock()
	prev, prevDone := r.cancel, r.done
	r.cancel, r.done = cancel, done
	r.mu.Unlock()
	if prev != nil {
		prev()
		r.Audio.Stop()
		<-prevDone
	}
	go func() {
		defer close(done)
		if err := r.read(ctx, lang, text); err != nil && !errors.Is(err, context.Canceled) && r.Failed != nil {
			r.Failed(err)
		}
	}()
}

func (r *Reader) read(ctx context.Context, lang, text string) error {
	v := r.Voices[lang]
	if v == nil {
		v = r.Voices["zh"]
	}
	if v == nil {
		return errors.New("read aloud: no voice")
	}
	pcm, err := v.Say(ctx, text)
	if err != nil {
		return err
	}
	return r.Audio.Play(ctx, pcm)
}

// Close stops what is being read and waits for it to end.
func (r *Reader) Close() error {
	r.mu.Lock()
	cancel, done := r.cancel, r.done
	r.cancel, r.done = nil, nil
	r.mu.Unlock()
	if cancel != nil {
		cancel()
		r.Audio.Stop()
		<-done
	}
	return nil
}
