package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"opinionwall/internal/ca"
)

// caCmd is `hub ca init|issue|revoke|crl|list`: the station's certificate
// authority, in a folder that can live on an offline machine or a USB
// stick (docs/OPERATIONS.md, "The station's CA").
func caCmd(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: hub ca init|issue|revoke|crl|list -ca DIR [flags] [KIOSK-ID]")
	}
	sub, args := args[0], args[1:]
	fl := flag.NewFlagSet("ca "+sub, flag.ContinueOnError)
	dir := fl.String("ca", "", "the CA's folder (ca.crt, ca.key, kiosks/, ca.crl); keep it off the station")
	hosts := fl.String("host", "", "init: the station's names and addresses, comma-separated (the broker's certificate)")
	server := fl.String("server", "", "issue: a new broker certificate for these names and addresses instead of kiosks'")
	replace := fl.Bool("replace", false, "issue: replace a kiosk's certificate (the old one is revoked)")
	crlTo := fl.String("crl-to", "", "revoke, crl: also copy the revocation list here (the station's -tls-crl file)")
	if err := fl.Parse(reorderFlags(args, fl)); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("hub ca %s: -ca DIR is required (the CA's folder)", sub)
	}
	switch sub {
	case "init":
		return caInit(*dir, *hosts, out)
	case "issue":
		return caIssue(*dir, *server, *replace, fl.Args(), out)
	case "revoke":
		return caRevoke(*dir, *crlTo, fl.Args(), out)
	case "crl":
		return caCRL(*dir, *crlTo, out)
	case "list":
		return caList(*dir, out)
	}
	return fmt.Errorf("hub ca: unknown command %q (init, issue, revoke, crl, list)", sub)
}

func caInit(dir, hosts string, out io.Writer) error {
	if hosts == "" {
		return errors.New("hub ca init: -host is required: the station's name and addresses, e.g. -host station.local,192.168.1.10")
	}
	c, err := ca.Init(dir, "Opinion Wall station CA")
	if err != nil {
		return err
	}
	srv, err := c.IssueServer(splitList(hosts))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "CA made in %s (%s: keep it off the station)\n", dir, filepath.Join(dir, ca.KeyFile))
	fmt.Fprintf(out, "broker certificate %s for %s\n", srv.Cert, strings.Join(append(srv.Leaf.DNSNames, ipStrings(srv)...), ", "))
	fmt.Fprintf(out, "copy to the station's /etc/opinionwall/tls: %s, %s, %s, %s\n", ca.CertFile, "server.crt", "server.key", ca.CRLFile)
	return nil
}

func caIssue(dir, server string, replace bool, ids []string, out io.Writer) error {
	c, err := ca.Open(dir)
	if err != nil {
		return err
	}
	if server != "" {
		srv, err := c.IssueServer(splitList(server))
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "broker certificate %s (serial %s); restart the hub (or mosquitto) to use it\n", srv.Cert, srv.Serial)
		return nil
	}
	if len(ids) == 0 {
		return errors.New("usage: hub ca issue -ca DIR [-replace] KIOSK-ID ... | -server HOST[,HOST...]")
	}
	for _, id := range ids {
		is, err := c.IssueKiosk(id, replace)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "kiosk %s: %s, %s (serial %s)\n", id, is.Cert, is.Key, is.Serial)
	}
	return nil
}

func caRevoke(dir, crlTo string, ids []string, out io.Writer) error {
	if len(ids) == 0 {
		return errors.New("usage: hub ca revoke -ca DIR [-crl-to FILE] KIOSK-ID|SERIAL [KIOSK-ID|SERIAL]")
	}
	c, err := ca.Open(dir)
	if err != nil {
		return err
	}
	for _, id := range ids {
		serial, err := c.Revoke(id)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "revoked %s (serial %s) in %s\n", id, serial, filepath.Join(dir, ca.CRLFile))
	}
	return copyCRL(dir, crlTo, out)
}

func caCRL(dir, crlTo string, out io.Writer) error {
	c, err := ca.Open(dir)
	if err != nil {
		return err
	}
	if err := c.WriteCRL(); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s (valid %d days)\n", filepath.Join(dir, ca.CRLFile), int(ca.CRLValidity.Hours()/24))
	return copyCRL(dir, crlTo, out)
}

func caList(dir string, out io.Writer) error {
	c, err := ca.Open(dir)
	if err != nil {
		return err
	}
	list, err := c.List()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%-40s %-7s %-20s %-10s %s\n", "SERIAL", "KIND", "NAME", "EXPIRES", "STATE")
	for _, e := range list {
		state := "valid"
		if e.Revoked {
			state = "revoked"
		}
		fmt.Fprintf(out, "%-40s %-7s %-20s %-10s %s\n", e.Serial, e.Kind, e.Name, e.NotAfter.Format("2006-01-02"), state)
	}
	return nil
}

// copyCRL copies the CA's CRL to the station's file, if asked: the
// embedded broker rereads it at the next handshake; mosquitto on reload.
func copyCRL(dir, to string, out io.Writer) error {
	if to == "" {
		fmt.Fprintf(out, "copy %s to the station's -tls-crl file (the hub rereads it; mosquitto: systemctl reload mosquitto)\n", filepath.Join(dir, ca.CRLFile))
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, ca.CRLFile))
	if err != nil {
		return err
	}
	tmp := to + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, to); err != nil {
		return err
	}
	fmt.Fprintf(out, "copied to %s (the hub rereads it; mosquitto: systemctl reload mosquitto)\n", to)
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, h := range strings.Split(s, ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

func ipStrings(is ca.Issued) []string {
	var out []string
	for _, ip := range is.Leaf.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}

// reorderFlags moves flags after positional arguments to the front, so
// `hub ca issue wall-01 -ca DIR` works as `hub ca issue -ca DIR wall-01`.
func reorderFlags(args []string, fl *flag.FlagSet) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fl.Lookup(name); f != nil && i+1 < len(args) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
			flags = append(flags, args[i+1])
			i++
		}
	}
	return append(flags, pos...)
}
