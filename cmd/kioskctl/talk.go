package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// common are the flags every talking command takes.
type common struct {
	broker, user, passwordFile, key, tlsCA string
	tlsCert, tlsKey                        string
	timeout                                time.Duration
	json                                   bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.broker, "broker", "tcp://127.0.0.1:1883", "station broker URL")
	fs.StringVar(&c.user, "user", mqtt.UserOps, "broker user")
	fs.StringVar(&c.passwordFile, "password-file", "", "file holding the broker password")
	fs.StringVar(&c.key, "key", "ops.key", "ed25519 private key that signs commands")
	fs.StringVar(&c.tlsCA, "tls-ca", "", "CA file for ssl://")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "client certificate (CN ops), with -tls-key, for a broker that maps certificates to users (nats-server)")
	fs.StringVar(&c.tlsKey, "tls-key", "", "the key of -tls-cert")
	fs.DurationVar(&c.timeout, "timeout", 20*time.Second, "how long to wait for answers")
	fs.BoolVar(&c.json, "json", false, "print JSON for scripts")
}

func (c *common) ops(needKey bool) (*mqtt.Ops, error) {
	conn, err := mqtt.ConnFromFiles(c.broker, c.user, mqtt.ConnFiles{Password: c.passwordFile, CA: c.tlsCA, Cert: c.tlsCert, Key: c.tlsKey})
	if err != nil {
		return nil, err
	}
	conn.ConnectTimeout = 5 * time.Second
	o := &mqtt.Ops{Conn: conn}
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
		fmt.Fprintf(w, "%s\t%s\t%s\n", kiosk.Printable(oc.Kiosk), kiosk.Printable(final), kiosk.Printable(detail))
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
