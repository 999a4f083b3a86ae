package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"opinionwall/kiosk"
)

// fleetCmd lists every kiosk's retained state.
func fleetCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("fleet", flag.ContinueOnError)
	var c common
	c.register(fs)
	wait := fs.Duration("wait", time.Second, "how long to collect retained states")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o, err := c.ops(false)
	if err != nil {
		return err
	}
	fleet, err := o.Fleet(ctx, *wait)
	if err != nil {
		return talkErr(err)
	}
	if c.json {
		return json.NewEncoder(out).Encode(fleet)
	}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KIOSK\tSTATE\tVERSION\tSINCE")
	for _, f := range fleet {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", kiosk.Printable(f.Kiosk), kiosk.Printable(string(f.State.State)), kiosk.Printable(f.State.Version), f.State.TS.Local().Format(time.DateTime))
	}
	return w.Flush()
}

// sendCmd signs and sends any command and prints the results.
func sendCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("send", flag.ContinueOnError)
	var c common
	c.register(fs)
	all := fs.Bool("all", false, "every online kiosk (then no KIOSK argument)")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	rest := fs.Args()
	var kiosks []string
	if !*all {
		if len(rest) < 2 {
			return &exitError{exitUsage, errors.New("usage: kioskctl send [-all] KIOSK CMD [ARGS-JSON]")}
		}
		kiosks, rest = []string{rest[0]}, rest[1:]
	}
	if len(rest) < 1 {
		return &exitError{exitUsage, errors.New("no command")}
	}
	cmdArgs := json.RawMessage("{}")
	if len(rest) > 1 {
		cmdArgs = json.RawMessage(rest[1])
		if !json.Valid(cmdArgs) {
			return &exitError{exitUsage, fmt.Errorf("arguments %q are not JSON", rest[1])}
		}
	}
	outs, err := send(ctx, &c, kiosks, rest[0], cmdArgs)
	printOutcomes(out, outs, c.json)
	return err
}
