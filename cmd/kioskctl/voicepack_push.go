package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

// voicepackPushCmd publishes a signed voice pack, retained, on the named
// booths' topics or the fleet's, and reports what each booth answered.
// The pack is sent as signed (kioskctl voicepack sign): pushing needs the
// broker's ops password, not the key.
func voicepackPushCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("voicepack push", flag.ContinueOnError)
	var c common
	c.register(fs)
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return &exitError{exitUsage, errors.New("usage: kioskctl voicepack push FILE [KIOSK...|all]")}
	}
	signed, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	if len(signed) > voicepack.MaxBytes {
		return fmt.Errorf("%s is %d bytes, over the %d a booth takes", fs.Arg(0), len(signed), voicepack.MaxBytes)
	}
	version, by, err := voicepack.Peek(signed)
	if err != nil || version < 1 {
		return fmt.Errorf("%s is not a signed voice pack (kioskctl voicepack sign makes one): %v", fs.Arg(0), err)
	}
	kiosks := fs.Args()[1:]
	if slices.Contains(kiosks, "all") {
		if len(kiosks) > 1 {
			return &exitError{exitUsage, errors.New("all, or kiosk ids, not both")}
		}
		kiosks = nil
	}
	o, err := c.ops(false)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "voice pack v%d by %s (%d KiB) to %s\n", version, by, len(signed)>>10, map[bool]string{true: "every booth", false: fmt.Sprint(kiosks)}[kiosks == nil])
	outs, err := o.PushVoicePack(ctx, kiosks, signed, version, c.timeout)
	printOutcomes(out, outs, c.json)
	if err != nil {
		return talkErr(err)
	}
	for _, oc := range outs {
		switch oc.Final {
		case mqtt.ResultSucceeded:
		case "":
			return &exitError{exitTimeout, fmt.Errorf("%s did not answer (offline? it installs the retained pack when it connects)", oc.Kiosk)}
		default:
			return &exitError{exitRefused, fmt.Errorf("%s refused the pack", oc.Kiosk)}
		}
	}
	return nil
}
