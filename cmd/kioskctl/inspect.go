package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// screenshotCmd fetches the kiosk's screen as a PNG.
func screenshotCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("screenshot", flag.ContinueOnError)
	var c common
	c.register(fs)
	file := fs.String("o", "screenshot.png", "output file")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{exitUsage, errors.New("usage: kioskctl screenshot KIOSK -o FILE.png")}
	}
	outs, err := send(ctx, &c, []string{fs.Arg(0)}, "screenshot", map[string]int{})
	if err != nil {
		printOutcomes(out, outs, c.json)
		return err
	}
	var d struct {
		PNG []byte `json:"png"`
	}
	if err := json.Unmarshal(data(outs), &d); err != nil || len(d.PNG) == 0 {
		return &exitError{exitRefused, fmt.Errorf("no picture in the result: %v", err)}
	}
	if err := os.WriteFile(*file, d.PNG, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d bytes\n", *file, len(d.PNG))
	return nil
}

// logsCmd prints the kiosk's last log lines.
func logsCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("logs", flag.ContinueOnError)
	var c common
	c.register(fs)
	n := fs.Int("n", 100, "how many lines")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{exitUsage, errors.New("usage: kioskctl logs KIOSK [-n 100]")}
	}
	outs, err := send(ctx, &c, []string{fs.Arg(0)}, "logs", map[string]int{"lines": *n})
	if err != nil {
		printOutcomes(out, outs, c.json)
		return err
	}
	var d struct {
		Lines []string `json:"lines"`
	}
	json.Unmarshal(data(outs), &d)
	for _, l := range d.Lines {
		fmt.Fprintln(out, l)
	}
	return nil
}
