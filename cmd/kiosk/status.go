package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"opinionwall/kiosk/sqlite"
)

func statusCmd(ctx context.Context, args []string, out io.Writer) error {
	flags := flag.NewFlagSet("status", flag.ContinueOnError)
	data := flags.String("data", "/var/lib/opinionwall", "data directory")
	if err := flags.Parse(args); err != nil {
		return err
	}
	path := filepath.Join(*data, "kiosk.db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no store at %s (has this kiosk ever run with -data %s?)", path, *data)
	}
	db := sqlite.NewDB(path)
	db.ReadOnly = true // beside a running kiosk: look, touch nothing
	err := db.Open()
	if err == nil {
		defer db.Close()
	}
	var problem string
	if err == nil {
		problem, err = db.Check(ctx)
	}
	if sqlite.IsCorrupt(err) {
		problem, err = err.Error(), nil
	}
	if err != nil {
		return err
	}
	if problem != "" {
		// Counts read from a damaged file would mislead: say what is wrong.
		fmt.Fprintf(out, "store          %s\n", path)
		fmt.Fprintf(out, "CORRUPT        %s\n", problem)
		fmt.Fprintf(out, "               the kiosk moves it aside and starts a fresh store at its next start; codes already issued are not issued again\n")
		return fmt.Errorf("the store %s is corrupt", path)
	}
	st, err := db.Status(ctx)
	if err != nil {
		return err
	}
	printStatus(out, path, st, time.Now())
	if n, b, err := db.AudioKept(ctx); err == nil {
		fmt.Fprintf(out, "voice waiting  %d (%.1f KiB not yet at the station)\n", n, float64(b)/1024)
	}
	if keyed, _ := db.KeyedTickets(); keyed {
		fmt.Fprintf(out, "ticket codes   from the kiosk's secret ticket key\n")
	} else {
		fmt.Fprintf(out, "ticket codes   LEGACY: computable from the kiosk id (set kiosk.ticket_key_file)\n")
	}
	return nil
}

func printStatus(out io.Writer, path string, st sqlite.Status, now time.Time) {
	fmt.Fprintf(out, "store          %s\n", path)
	fmt.Fprintf(out, "pending        %d\n", st.Pending)
	fmt.Fprintf(out, "inflight       %d\n", st.Inflight)
	fmt.Fprintf(out, "acked          %d\n", st.Acked)
	fmt.Fprintf(out, "last seq       %d\n", st.LastSeq)
	if st.OldestPending.IsZero() {
		fmt.Fprintf(out, "oldest pending -\n")
	} else {
		fmt.Fprintf(out, "oldest pending %s (%s ago)\n", st.OldestPending.Local().Format(time.DateTime), now.Sub(st.OldestPending).Round(time.Second))
	}
	if st.LastAck.IsZero() {
		fmt.Fprintf(out, "last ack       never\n")
	} else {
		fmt.Fprintf(out, "last ack       %s (%s ago)\n", st.LastAck.Local().Format(time.DateTime), now.Sub(st.LastAck).Round(time.Second))
	}
	fmt.Fprintf(out, "size           %.1f KiB\n", float64(st.SizeBytes)/1024)
	if free := diskFree(path); free >= 0 {
		fmt.Fprintf(out, "disk free      %d MiB\n", free>>20)
	} else {
		fmt.Fprintf(out, "disk free      unknown\n")
	}
	// Refusals are counted in the running kiosk's memory (the store is
	// what cannot be written), so this process can only say where to look.
	fmt.Fprintf(out, "refused        see the kiosk's log (\"submission refused\") and its telemetry\n")
	fmt.Fprintf(out, "schema         %s (SQLite %s)\n", st.Schema, st.SQLiteVersion)
	fmt.Fprintf(out, "config version %d\n", st.ConfigVersion)
	fmt.Fprintf(out, "wall version   %d\n", st.WallVersion)
	fmt.Fprintf(out, "polls version  %d\n", st.PollsVersion)
	if st.ReadOnly != "" {
		fmt.Fprintf(out, "READ-ONLY      %s\n", st.ReadOnly)
	}
	for _, e := range st.Events {
		fmt.Fprintf(out, "event          %s %s: %s\n", e.At.Local().Format(time.DateTime), e.Kind, e.Detail)
	}
}
