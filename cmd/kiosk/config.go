package main

import (
	"flag"
	"fmt"
	"io"

	"opinionwall/kiosk/toml"
)

func checkConfigCmd(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("check-config", flag.ContinueOnError)
	path := fs.String("config", "/etc/opinionwall/kiosk.toml", "configuration file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := toml.Load(*path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: ok: kiosk %s (number %d, %s), %d topics, %d services, %d streets\n",
		*path, c.Kiosk.ID, c.Kiosk.Number, c.Kiosk.Role, len(c.Topics), len(c.Services), len(c.Streets))
	return nil
}

func configExampleCmd(out io.Writer) error {
	_, err := io.WriteString(out, toml.Example())
	return err
}
