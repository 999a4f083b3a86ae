package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"opinionwall/kiosk/toml"
	"opinionwall/mqtt"
)

const usage = `usage:
  kioskctl keygen -dir DIR [-name ops]      an ed25519 pair for signing commands (put NAME.pub in kiosks' trust)
  kioskctl fleet [-json]                    every kiosk's retained state: id, state, version, since
  kioskctl send [-all] KIOSK CMD [ARGS]     sign and send a command, wait for its result (ARGS: JSON object)
  kioskctl screenshot KIOSK -o FILE.png     the kiosk's screen
  kioskctl logs KIOSK [-n 100]              the kiosk's last log lines
  kioskctl update KIOSK -binary PATH -version V -releases DIR -base-url URL
                                            put the binary in the station's releases and update the kiosk to it
  kioskctl config push KIOSK FILE.toml [-version N]
                                            the kiosk's desired configuration (retained, signed); waits for it to apply
  kioskctl provision KIOSK -number N [-role wall|booth] [-broker URL] [-passwd F] [-trust DIR] [-o DIR] [-replace]
                                            a new kiosk: its password in the station's file, and a bundle
                                            (config, password, trusted keys, broker) for its card
  kioskctl revoke KIOSK [-passwd F]         take a kiosk out of the station's password file
common flags: -broker URL -user ops -password-file F -key ops.key [-tls-ca F] [-timeout 20s] [-json]
`

// common are the flags every talking command takes.
type common struct {
	broker, user, passwordFile, key, tlsCA string
	timeout                                time.Duration
	json                                   bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.broker, "broker", "tcp://127.0.0.1:1883", "station broker URL")
	fs.StringVar(&c.user, "user", mqtt.UserOps, "broker user")
	fs.StringVar(&c.passwordFile, "password-file", "", "file holding the broker password")
	fs.StringVar(&c.key, "key", "ops.key", "ed25519 private key that signs commands")
	fs.StringVar(&c.tlsCA, "tls-ca", "", "CA file for ssl://")
	fs.DurationVar(&c.timeout, "timeout", 20*time.Second, "how long to wait for answers")
	fs.BoolVar(&c.json, "json", false, "print JSON for scripts")
}

func (c *common) ops(needKey bool) (*mqtt.Ops, error) {
	o := &mqtt.Ops{Conn: mqtt.Conn{Broker: c.broker, Username: c.user, ConnectTimeout: 5 * time.Second}}
	if c.passwordFile != "" {
		b, err := os.ReadFile(c.passwordFile)
		if err != nil {
			return nil, err
		}
		o.Password = strings.TrimSpace(string(b))
	}
	if strings.HasPrefix(c.broker, "ssl://") {
		cfg, err := mqtt.TLSConfig(c.tlsCA, "", "")
		if err != nil {
			return nil, err
		}
		o.TLS = cfg
	}
	if needKey {
		k, err := mqtt.LoadPrivateKey(c.key)
		if err != nil {
			return nil, err
		}
		o.Signer = mqtt.NewSigner(k)
	}
	return o, nil
}

// talkErr turns a connection failure into the unreachable exit code.
func talkErr(err error) error {
	if err != nil && strings.Contains(err.Error(), "unreachable") {
		return &exitError{exitUnreachable, err}
	}
	return err
}

func dispatch(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return &exitError{exitUsage, errors.New(strings.TrimSpace(usage))}
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "keygen":
		fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
		dir := fs.String("dir", ".", "directory")
		name := fs.String("name", "ops", "key name")
		if err := fs.Parse(args); err != nil {
			return err
		}
		pub, err := mqtt.GenerateKey(*dir, *name)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "key %s: %s/%s.key (secret), %s/%s.pub (copy into every kiosk's trust directory)\n", mqtt.KeyID(pub), *dir, *name, *dir, *name)
		return nil
	case "fleet":
		return fleetCmd(ctx, args, out)
	case "send":
		return sendCmd(ctx, args, out)
	case "screenshot":
		return screenshotCmd(ctx, args, out)
	case "logs":
		return logsCmd(ctx, args, out)
	case "update":
		return updateCmd(ctx, args, out)
	case "config":
		if len(args) == 0 || args[0] != "push" {
			return &exitError{exitUsage, errors.New("usage: kioskctl config push KIOSK FILE.toml")}
		}
		return configPushCmd(ctx, args[1:], out)
	case "provision":
		return provisionCmd(args, out)
	case "revoke":
		return revokeCmd(args, out)
	case "help", "-h", "--help":
		fmt.Fprint(out, usage)
		return nil
	}
	return &exitError{exitUsage, fmt.Errorf("unknown command %q\n%s", cmd, usage)}
}

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
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", f.Kiosk, f.State.State, f.State.Version, f.State.TS.Local().Format(time.DateTime))
	}
	return w.Flush()
}

// send sends one command and returns the outcomes, with the exit error.
func send(ctx context.Context, c *common, kiosks []string, cmd string, cmdArgs any) ([]mqtt.Outcome, error) {
	o, err := c.ops(true)
	if err != nil {
		return nil, err
	}
	if len(kiosks) == 0 {
		fleet, err := o.Fleet(ctx, time.Second)
		if err != nil {
			return nil, talkErr(err)
		}
		for _, f := range fleet {
			if f.State.State == mqtt.StateOnline {
				kiosks = append(kiosks, f.Kiosk)
			}
		}
		if len(kiosks) == 0 {
			return nil, &exitError{exitUnreachable, errors.New("no kiosk is online")}
		}
	}
	outs, err := o.Send(ctx, kiosks, cmd, cmdArgs, c.timeout)
	if err != nil {
		return nil, talkErr(err)
	}
	code := exitOK
	for _, oc := range outs {
		switch oc.Final {
		case "":
			code = max(code, exitTimeout)
		case mqtt.ResultFailed, mqtt.ResultRejected:
			code = max(code, exitRefused)
		}
	}
	if code != exitOK {
		return outs, &exitError{code, fmt.Errorf("%s: not every kiosk succeeded", cmd)}
	}
	return outs, nil
}

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

func printOutcomes(out io.Writer, outs []mqtt.Outcome, asJSON bool) {
	if asJSON {
		json.NewEncoder(out).Encode(outs)
		return
	}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KIOSK\tRESULT\tDETAIL")
	for _, oc := range outs {
		final, detail := oc.Final, ""
		if final == "" {
			final = "timeout"
		}
		if n := len(oc.Results); n > 0 {
			last := oc.Results[n-1]
			detail = last.Detail
			if detail == "" && len(last.Data) > 0 && len(last.Data) < 400 {
				detail = string(last.Data)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", oc.Kiosk, final, detail)
	}
	w.Flush()
}

// data returns the data of a kiosk's successful result.
func data(outs []mqtt.Outcome) json.RawMessage {
	if len(outs) == 1 && len(outs[0].Results) > 0 {
		return outs[0].Results[len(outs[0].Results)-1].Data
	}
	return nil
}

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

// boolFlags take no value.
var boolFlags = map[string]bool{"json": true, "all": true, "replace": true}

// reorder puts flags before the positional argument, so that
// "screenshot KIOSK -o f.png" parses like "screenshot -o f.png KIOSK".
func reorder(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && !boolFlags[strings.TrimLeft(a, "-")] {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func configPushCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("config push", flag.ContinueOnError)
	var c common
	c.register(fs)
	version := fs.Int64("version", time.Now().Unix(), "configuration version; must be newer than the kiosk's")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return &exitError{exitUsage, errors.New("usage: kioskctl config push KIOSK FILE.toml")}
	}
	k := fs.Arg(0)
	cfg, err := toml.Load(fs.Arg(1))
	if err != nil {
		return err // refused here already, with the keys named
	}
	if cfg.Kiosk.ID != k {
		return &exitError{exitUsage, fmt.Errorf("%s is the configuration of %q, not %q", fs.Arg(1), cfg.Kiosk.ID, k)}
	}
	o, err := c.ops(true)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	oc, err := o.PushConfig(ctx, k, *version, raw, c.timeout)
	printOutcomes(out, []mqtt.Outcome{oc}, c.json)
	if err != nil {
		return talkErr(err)
	}
	switch oc.Final {
	case "":
		return &exitError{exitTimeout, errors.New("the kiosk did not say it applied the configuration (offline? it will when it connects)")}
	case mqtt.ResultSucceeded:
		return nil
	}
	return &exitError{exitRefused, errors.New("configuration refused")}
}

func updateCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("update", flag.ContinueOnError)
	var c common
	c.register(fs)
	binary := fs.String("binary", "", "the new kiosk binary")
	version := fs.String("version", "", "its version")
	releases := fs.String("releases", "/var/lib/opinionwall-hub/releases", "the folder the hub serves releases from")
	baseURL := fs.String("base-url", "http://127.0.0.1:8088/releases", "the releases folder's URL as kiosks reach it")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 || *binary == "" || *version == "" {
		return &exitError{exitUsage, errors.New("usage: kioskctl update KIOSK -binary PATH -version V [-releases DIR -base-url URL]")}
	}
	plan, err := publishRelease(*binary, *version, *releases, *baseURL)
	if err != nil {
		return err
	}
	if c.timeout < 5*time.Minute {
		c.timeout = 5 * time.Minute // download, restart and health check
	}
	outs, err := send(ctx, &c, []string{fs.Arg(0)}, "update", plan)
	printOutcomes(out, outs, c.json)
	return err
}

// publishRelease copies the binary into the releases folder (atomically)
// and returns the update command's arguments.
func publishRelease(binary, version, dir, baseURL string) (map[string]any, error) {
	data, err := os.ReadFile(binary)
	if err != nil {
		return nil, err
	}
	name := "kiosk-" + version
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp := filepath.Join(dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return map[string]any{"version": version, "url": strings.TrimSuffix(baseURL, "/") + "/" + name,
		"sha256": hex.EncodeToString(sum[:]), "size": len(data)}, nil
}
