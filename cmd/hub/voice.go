package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/kiosk"
	"opinionwall/voice/playback"
)

// voicePurge drops voice messages' audio older than the retention, at
// start and every hour; each purge is audited by the store.
type voicePurge struct {
	Store     hub.VoiceStore
	Retention time.Duration
	Log       *slog.Logger
	Now       func() time.Time

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func (p *voicePurge) Open() error {
	if p.Retention < 24*time.Hour {
		return fmt.Errorf("voice retention %v: at least a day", p.Retention)
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			p.purge(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

func (p *voicePurge) purge(ctx context.Context) {
	n, err := p.Store.PurgeVoice(ctx, p.Now().Add(-p.Retention))
	switch {
	case err != nil:
		p.Log.Warn("voice purge", "err", err)
	case n > 0:
		p.Log.Info("voice messages' audio purged after the retention", "count", n, "retention", p.Retention)
	}
}

func (p *voicePurge) Close() error {
	if p.cancel == nil {
		return nil
	}
	p.cancel()
	p.wg.Wait()
	return nil
}

// speaker plays voice cases on the station PC for the review app.
type speaker struct{ p *playback.Player }

func (s speaker) Open(file []byte) (station.Track, error) { return s.p.Open(file) }

// openNewest opens the newest case of a kind, with a summary or without
// one (the smoke tour's voice cases).
func (s *desk) openNewest(ctx context.Context, st *station.App, kind kiosk.Kind, summarised bool) {
	in, err := s.api.Inbox(ctx, st.Me(), hub.Filter{Kind: kind, Limit: 50}) // through the service, as the app reads
	if err != nil {
		return
	}
	for _, c := range in.Cases {
		if (c.Text != "") == summarised {
			st.OpenCase(c.ID)
			return
		}
	}
}
