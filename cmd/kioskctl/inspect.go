package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"opinionwall/kiosk"
)

// writePrivate writes a file only its owner reads (0600), also over an
// older file with a wider mode: a screenshot shows what a resident typed.
func writePrivate(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

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
	if err := writePrivate(*file, d.PNG); err != nil {
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
		fmt.Fprintln(out, kiosk.Printable(l)) // what a kiosk sends is shown, never obeyed by the terminal
	}
	return nil
}
