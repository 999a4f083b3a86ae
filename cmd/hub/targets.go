package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// targetsCmd shows the targets per class, or sets one class's.
func targetsCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("targets", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	class := fl.String("class", "", "the class to set: big, small, private or none (untriaged)")
	reply := fl.String("reply", "", "days to the first reply")
	closing := fl.String("close", "", "days to closing")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openStore(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if *class != "" {
		r, err := hub.ParseDays(*reply)
		if err != nil {
			return err
		}
		c, err := hub.ParseDays(*closing)
		if err != nil {
			return err
		}
		t := hub.Targets{kiosk.Matter(*class): {FirstReply: r, Close: c}}
		if err := t.Check(); err != nil {
			return err
		}
		if err := db.SetTargets(ctx, t, hub.Audit{Case: "settings:targets", Worker: "admin", At: time.Now(), Action: "set_targets"}); err != nil {
			return err
		}
	}
	set, err := db.Targets(ctx)
	if err != nil {
		return err
	}
	all := hub.DefaultTargets()
	for m, t := range set {
		all[m] = t
	}
	for _, m := range hub.Classes {
		t := all[m]
		if _, err := fmt.Fprintf(stdout, "%-8s first reply %3d days   close %3d days\n", m, int(t.FirstReply/hub.Day), int(t.Close/hub.Day)); err != nil {
			return err
		}
	}
	return nil
}
