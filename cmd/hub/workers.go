package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

func openStore(data, dbURL string) (*hubsqlite.DB, error) {
	db := hubsqlite.NewDB(storePath(data, dbURL))
	if err := db.Open(); err != nil {
		return nil, err
	}
	return db, nil
}

// workerCmd adds workers, lists them and sets the 包楼 map.
func workerCmd(ctx context.Context, args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("worker: add, pin, list or building\n%s", usage)
	}
	sub, args := args[0], args[1:]
	fl := flag.NewFlagSet("worker "+sub, flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	id := fl.String("id", "", "add: worker id (a-z, 0-9, -)")
	name := fl.String("name", "", "add: the name shown (张丽)")
	role := fl.String("role", "worker", "add: lead, worker or volunteer")
	buildings := fl.String("buildings", "", "add: buildings this worker looks after (包楼), comma separated")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openStore(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "add":
		fmt.Fprintf(out, "PIN for %s (%d-%d digits): ", *id, hub.MinPINDigits, hub.MaxPINDigits)
		pin, err := bufio.NewReader(in).ReadString('\n')
		if err != nil && pin == "" {
			return fmt.Errorf("worker add: no PIN on standard input")
		}
		fmt.Fprintln(out)
		hash, err := hub.HashPIN(strings.TrimSpace(pin))
		if err != nil {
			return err
		}
		w := hub.Worker{ID: *id, Name: strings.TrimSpace(*name), Role: hub.Role(*role), PINHash: hash}
		if err := db.PutWorker(ctx, w); err != nil {
			return err
		}
		for _, b := range strings.Split(*buildings, ",") {
			if b = strings.TrimSpace(b); b != "" {
				if err := db.SetBuilding(ctx, b, w.ID); err != nil {
					return err
				}
			}
		}
		fmt.Fprintf(out, "worker %s (%s, %s) saved\n", w.ID, w.Name, w.Role)
		return nil
	case "pin":
		return setWorkerPIN(ctx, db, *id, in, out)
	case "list":
		ws, err := db.Workers(ctx)
		if err != nil {
			return err
		}
		bs, err := db.Buildings(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tBUILDINGS")
		for _, w := range ws {
			var mine []string
			for b, wid := range bs {
				if wid == w.ID {
					mine = append(mine, b)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", w.ID, w.Name, w.Role, strings.Join(sortStrings(mine), ","))
		}
		return tw.Flush()
	case "building":
		if fl.NArg() != 2 {
			return fmt.Errorf("worker building -data DIR BUILDING WORKER (WORKER \"\" removes it)")
		}
		return db.SetBuilding(ctx, fl.Arg(0), fl.Arg(1))
	}
	return fmt.Errorf("worker: unknown %q (add, pin, list, building)", sub)
}

// setWorkerPIN gives a worker a new PIN read from in: a lead resets a
// forgotten PIN, or one set shorter than hub.MinPINDigits, which no longer
// logs in. It clears the worker's lockout.
func setWorkerPIN(ctx context.Context, db *hubsqlite.DB, id string, in io.Reader, out io.Writer) error {
	ws, err := db.Workers(ctx)
	if err != nil {
		return err
	}
	for _, w := range ws {
		if w.ID != id {
			continue
		}
		fmt.Fprintf(out, "new PIN for %s (%d-%d digits): ", id, hub.MinPINDigits, hub.MaxPINDigits)
		pin, err := bufio.NewReader(in).ReadString('\n')
		if err != nil && pin == "" {
			return fmt.Errorf("worker pin: no PIN on standard input")
		}
		fmt.Fprintln(out)
		if w.PINHash, err = hub.HashPIN(strings.TrimSpace(pin)); err != nil {
			return err
		}
		if err := db.PutWorker(ctx, w); err != nil {
			return err
		}
		if err := db.PutPINLock(ctx, id, hub.PINLock{}); err != nil {
			return err
		}
		fmt.Fprintf(out, "worker %s: new PIN saved\n", id)
		return nil
	}
	return fmt.Errorf("worker pin: no worker %q (hub worker list)", id)
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// ledgerCmd writes the work ledger (工作台账).
func ledgerCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("ledger", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	format := fl.String("format", "xlsx", "xlsx or csv")
	outPath := fl.String("o", "", "output file (default: standard output)")
	status := fl.String("status", "", "only this status, or open")
	if err := fl.Parse(args); err != nil {
		return err
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
	w := stdout
	var f *os.File
	if *outPath != "" {
		if f, err = createPrivate(*outPath + ".part"); err != nil {
			return err
		}
		w = f
	}
	n, err := st.ledger(ctx, db, w, *format, hub.Filter{Status: statusOf(*status)}) // the whole store: run by the station's administrator
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(*outPath+".part", *outPath)
		} else {
			os.Remove(*outPath + ".part")
		}
	}
	if err == nil && f != nil {
		fmt.Fprintf(os.Stderr, "%d rows written to %s\n", n, *outPath)
	}
	return err
}

func statusOf(s string) kiosk.TicketStatus { return kiosk.TicketStatus(s) }
