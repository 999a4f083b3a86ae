package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"opinionwall/hub/seed"
)

// seedCmd fills a station's store with believable data (demo, smoke test).
func seedCmd(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("seed", flag.ContinueOnError)
	data := fl.String("data", "", "data directory (a new one: seeding adds to what is there)")
	dbURL := storeFlag(fl)
	n := fl.Int("n", 3000, "submissions")
	days := fl.Int("days", 120, "spread over this many days up to now")
	s := fl.Uint64("seed", 1, "random seed")
	voices := fl.Int("voice", 0, "voice messages from a booth (booth-01), newest, with their audio")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("seed: -data is required")
	}
	db, err := openStore(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := newDesk(*data, db)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := seed.Station(ctx, db, st.desk, *n, *days, time.Now(), rand.New(rand.NewPCG(*s, 2))); err != nil {
		return err
	}
	if err := seedVoices(ctx, db, st.desk, *voices, time.Now(), rand.New(rand.NewPCG(*s, 3))); err != nil {
		return err
	}
	if err := st.desk.RefreshWall(ctx); err != nil {
		return err
	}
	fmt.Fprintf(out, "seeded %d submissions over %d days in %s; workers:", *n, *days, time.Since(start).Round(time.Millisecond))
	for _, w := range seed.Workers {
		fmt.Fprintf(out, " %s (%s)", w.ID, w.Role)
	}
	fmt.Fprintf(out, ", every PIN %s\n", seed.PIN)
	return nil
}
