package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// pollRefresher rebuilds the polls snapshot as polls open and close with
// time (hub.Desk); it wakes the downlink itself when the snapshot changed.
type pollRefresher interface {
	RefreshPolls(ctx context.Context) (changed bool, err error)
}

// figuresRefresher rebuilds the wall snapshot when the month's figures
// changed (hub.Desk).
type figuresRefresher interface {
	RefreshFigures(ctx context.Context) (changed bool, err error)
}

// pollClock opens and closes polls by time: at Open and every Interval it
// has Polls refresh the polls snapshot, and every FiguresEvery it has
// Figures (when set) bring the wall's figures of the month up to date. Set
// the fields, then Open; Close stops it.
type pollClock struct {
	Polls        pollRefresher
	Figures      figuresRefresher
	Interval     time.Duration // default 2s, as often as the downlink looks
	FiguresEvery time.Duration // default 1m: a count over the month's cases
	Log          *slog.Logger

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Open starts the clock.
func (c *pollClock) Open() error {
	if c.Interval <= 0 {
		c.Interval = 2 * time.Second
	}
	if c.FiguresEvery <= 0 {
		c.FiguresEvery = time.Minute
	}
	if c.Log == nil {
		c.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.loop(ctx)
	}()
	return nil
}

// Close stops the clock, finishing the refresh in hand.
func (c *pollClock) Close() error {
	if c.cancel == nil {
		return nil
	}
	c.cancel()
	c.wg.Wait()
	c.cancel = nil
	return nil
}

func (c *pollClock) loop(ctx context.Context) {
	t := time.NewTicker(c.Interval)
	defer t.Stop()
	var figured time.Time
	for {
		if _, err := c.Polls.RefreshPolls(ctx); err != nil && ctx.Err() == nil {
			c.Log.Warn("polls snapshot", "err", err)
		}
		if c.Figures != nil && time.Since(figured) >= c.FiguresEvery {
			figured = time.Now()
			if _, err := c.Figures.RefreshFigures(ctx); err != nil && ctx.Err() == nil {
				c.Log.Warn("wall figures", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
