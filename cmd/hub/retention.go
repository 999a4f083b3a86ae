package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"opinionwall/hub"
)

// retentionJob erases personal data due for erasure (hub.Purge) soon after
// Open and then every Every (default a day). Close stops it.
type retentionJob struct {
	Store hub.RetentionStore
	Days  int
	Every time.Duration
	First time.Duration // the first run, after Open (default a minute: the hub starts first)
	Now   func() time.Time
	Log   *slog.Logger

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Open starts the job; a bad retention stops the hub at start.
func (j *retentionJob) Open() error {
	if _, err := hub.RetentionCutoff(time.Now(), j.Days); err != nil {
		return fmt.Errorf("-retention-days: %w", err)
	}
	if j.Every <= 0 {
		j.Every = 24 * time.Hour
	}
	if j.First <= 0 {
		j.First = time.Minute
	}
	if j.Now == nil {
		j.Now = time.Now
	}
	if j.Log == nil {
		j.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	j.cancel = cancel
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		j.loop(ctx)
	}()
	return nil
}

// Close stops the job, finishing a purge in hand.
func (j *retentionJob) Close() error {
	if j.cancel == nil {
		return nil
	}
	j.cancel()
	j.wg.Wait()
	j.cancel = nil
	return nil
}

func (j *retentionJob) loop(ctx context.Context) {
	wait := j.First
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = j.Every
		rep, err := hub.Purge(ctx, j.Store, j.Days, j.Now(), false)
		if err != nil {
			if ctx.Err() == nil {
				j.Log.Error("retention purge", "err", err)
			}
			continue
		}
		j.Log.Info("retention purge", "days", j.Days, "cases", rep.Cases, "refused", rep.Refused, "cutoff", rep.Cutoff.Format(time.DateOnly))
	}
}

// purgeCmd is `hub purge`: the retention purge the service runs daily, by
// hand, or with -dry-run only what it would erase.
func purgeCmd(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("purge", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	days := fl.Int("days", hub.DefaultRetentionDays, "erase the free text and contact details of cases closed more than this many days ago, and refused submissions as old")
	dry := fl.Bool("dry-run", false, "count what would be erased; change nothing")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openHubDB(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := hub.Purge(ctx, db, *days, time.Now(), *dry)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "purge: %s\n", rep)
	return err
}
