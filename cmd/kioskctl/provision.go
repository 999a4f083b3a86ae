package main

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"opinionwall/kiosk"
	"opinionwall/kiosk/toml"
	"opinionwall/mqtt"
)

// provisionCmd makes a kiosk's bundle: its broker password (added to the
// station's password file), its configuration, the keys it trusts and the
// broker it talks to, laid out as the kiosk's /etc/opinionwall.
func provisionCmd(args []string, out io.Writer) error {
	p, err := parseProvision(args)
	if err != nil {
		return err
	}
	creds, err := mqtt.OpenCredentials(p.passwd)
	if err != nil {
		return err
	}
	for _, u := range creds.Users() {
		if u == p.id && !p.replace {
			return &exitError{exitUsage, fmt.Errorf("%s is already in %s (use -replace for a new card)", p.id, p.passwd)}
		}
	}
	conf, pin, err := p.config()
	if err != nil {
		return err
	}
	reg, err := readRegistry(p.registry)
	if err != nil {
		return err
	}
	if err := reg.Assign(p.id, p.number); err != nil {
		return &exitError{exitUsage, fmt.Errorf("provision %s: %w (in %s)", p.id, err, p.registry)}
	}
	if !strings.HasPrefix(p.broker, "tcp://") && !strings.HasPrefix(p.broker, "ssl://") {
		return &exitError{exitUsage, fmt.Errorf("-broker must be tcp:// or ssl://, not %q", p.broker)}
	}
	pw, err := p.writeBundle(conf, out)
	if err != nil {
		return err
	}
	// The station learns the password last: a bundle that failed halfway
	// is not a kiosk the broker lets in.
	if err := creds.Set(p.id, pw); err != nil {
		return err
	}
	if err := creds.WriteFile(p.passwd); err != nil {
		return err
	}
	if err := writeRegistry(p.registry, reg); err != nil {
		return err
	}
	fmt.Fprintf(out, "kiosk %s (number %d, %s): bundle in %s\n", p.id, p.number, p.role, filepath.Join(p.outDir, p.id))
	fmt.Fprintf(out, "copy it onto the card's root file system (etc/opinionwall/...); admin PIN %s\n", pin)
	fmt.Fprintf(out, "the station's broker knows %s once it rereads %s (restart the hub; mosquitto: systemctl reload mosquitto)\n", p.id, p.passwd)
	return nil
}

// provision is what provisionCmd was asked for.
type provision struct {
	id, role, passwd, trust, broker, outDir string
	registry                                string
	certs                                   string
	number                                  int
	replace                                 bool
}

func parseProvision(args []string) (provision, error) {
	var p provision
	fl := flag.NewFlagSet("provision", flag.ContinueOnError)
	fl.IntVar(&p.number, "number", 0, "the kiosk's number, 10-99, unique at the station (first digits of its ticket codes)")
	fl.StringVar(&p.role, "role", "wall", "wall or booth")
	fl.StringVar(&p.passwd, "passwd", "/etc/opinionwall/passwd", "the station's broker password file")
	fl.StringVar(&p.registry, "kiosks", "", "the station's kiosk number registry (default: kiosks beside -passwd)")
	fl.StringVar(&p.trust, "trust", "/etc/opinionwall", "directory with hub.pub, ops.pub and release.pub")
	fl.StringVar(&p.broker, "broker", "ssl://station.local:8883", "the broker URL the kiosk uses (tcp:// sends passwords in clear: only on a trusted link)")
	fl.StringVar(&p.certs, "ca", "/etc/opinionwall/tls", "for ssl://: the station CA's folder (hub ca init): the kiosk's certificate is issued from its ca.key (the USB stick), or taken from kiosks/ID.crt, ID.key")
	fl.StringVar(&p.certs, "certs", "/etc/opinionwall/tls", "the same as -ca (older name)")
	fl.StringVar(&p.outDir, "o", ".", "where the bundle goes (OUT/KIOSK-ID/etc/opinionwall)")
	fl.BoolVar(&p.replace, "replace", false, "give an existing kiosk a new password and bundle (replacing its card)")
	if err := fl.Parse(reorder(args)); err != nil {
		return p, &exitError{exitUsage, err}
	}
	if fl.NArg() != 1 {
		return p, &exitError{exitUsage, errors.New("usage: kioskctl provision KIOSK-ID -number N [-role wall|booth] [-broker URL] [-ca DIR] [-passwd FILE] [-trust DIR] [-o DIR]")}
	}
	p.id = fl.Arg(0)
	if p.registry == "" {
		p.registry = filepath.Join(filepath.Dir(p.passwd), "kiosks")
	}
	if !kiosk.ValidKioskID(p.id) {
		return p, &exitError{exitUsage, fmt.Errorf("%q is not a kiosk id: 1 to 32 of a-z, 0-9 and '-'", p.id)}
	}
	if kiosk.ReservedKioskID(p.id) {
		return p, &exitError{exitUsage, fmt.Errorf("%q is reserved for the broker's roles (hub, ops, ow-hub, ow-hub-…, ow-ops-…)", p.id)}
	}
	return p, nil
}

// config fills the example configuration in with the kiosk's identity and
// a fresh admin PIN, and checks the result as the kiosk will.
func (p provision) config() (conf, pin string, err error) {
	for try := 0; ; try++ {
		// 8 random digits; the rare easy one (all alike, a run) is drawn again.
		if pin, err = randomDigits(8); err != nil {
			return "", "", err
		}
		conf = strings.NewReplacer(`id = "wall-01"`, fmt.Sprintf("id = %q", p.id),
			"number = 12 ", fmt.Sprintf("number = %d ", p.number),
			`role = "wall"`, fmt.Sprintf("role = %q", p.role),
			`admin_pin = "480731"`, fmt.Sprintf("admin_pin = %q", pin),
			`ticket_key_file = ""`, fmt.Sprintf("ticket_key_file = %q", ticketKeyPath)).Replace(toml.Example())
		cfg, err := toml.Parse(conf)
		if err == nil {
			err = cfg.Validate()
		}
		if err != nil && (try < 3 && strings.Contains(err.Error(), "admin_pin")) {
			continue
		}
		if err != nil {
			return "", "", &exitError{exitUsage, fmt.Errorf("provision %s: %w", p.id, err)}
		}
		if cfg.Kiosk.ID != p.id || cfg.Kiosk.Number != p.number || cfg.Kiosk.AdminPIN != pin || string(cfg.Kiosk.Role) != p.role {
			return "", "", fmt.Errorf("provision %s: the configuration template changed; update kioskctl", p.id)
		}
		return conf, pin, nil
	}
}

// writeBundle lays out the kiosk's /etc/opinionwall under the output
// directory and returns the new broker password written into it.
func (p provision) writeBundle(conf string, out io.Writer) (string, error) {
	dir := filepath.Join(p.outDir, p.id, "etc", "opinionwall")
	if err := os.MkdirAll(filepath.Join(dir, "trust"), 0o750); err != nil {
		return "", err
	}
	for _, name := range []string{"hub.pub", "ops.pub", "release.pub"} {
		src := filepath.Join(p.trust, name)
		if _, err := mqtt.LoadPublicKey(src); err != nil {
			return "", fmt.Errorf("provision %s: the kiosk must trust %s: %w", p.id, name, err)
		}
		b, err := os.ReadFile(src)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, "trust", name), b, 0o644); err != nil {
			return "", err
		}
	}
	pw, err := randomPassword()
	if err != nil {
		return "", err
	}
	key := make([]byte, kiosk.TicketKeyBytes)
	if _, err := rand.Read(key); err != nil {
		return "", err
	}
	files := map[string]string{
		"kiosk.toml":      conf,
		"broker.password": pw + "\n",
		"ticket.key":      hex.EncodeToString(key) + "\n",
		"kiosk.env":       fmt.Sprintf("# read by opinionwall-kiosk.service\nOW_BROKER=%s\nOW_TLS=%s\n", p.broker, p.tlsArgs()),
	}
	if err := p.copyCerts(dir, out); err != nil {
		return "", err
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o640); err != nil { // root:kiosk on the card
			return "", err
		}
	}
	return pw, nil
}

// revokeCmd removes a kiosk from the station's password file and, with
// -ca, revokes its certificate.
func revokeCmd(args []string, out io.Writer) error {
	fl := flag.NewFlagSet("revoke", flag.ContinueOnError)
	passwd := fl.String("passwd", "/etc/opinionwall/passwd", "the station's broker password file")
	caDir := fl.String("ca", "", "the CA's folder holding ca.key (the USB stick): also revoke the kiosk's certificate")
	crlTo := fl.String("crl-to", "", "with -ca: copy the new revocation list here (the station's -tls-crl file)")
	if err := fl.Parse(reorder(args)); err != nil {
		return &exitError{exitUsage, err}
	}
	if fl.NArg() != 1 {
		return &exitError{exitUsage, errors.New("usage: kioskctl revoke KIOSK-ID [-passwd FILE] [-ca DIR [-crl-to FILE]]")}
	}
	id := fl.Arg(0)
	if id == "hub" || id == mqtt.UserOps {
		return &exitError{exitUsage, fmt.Errorf("%s is not a kiosk", id)}
	}
	creds, err := mqtt.OpenCredentials(*passwd)
	if err != nil {
		return err
	}
	if !creds.Delete(id) {
		return &exitError{exitUsage, fmt.Errorf("%s is not in %s", id, *passwd)}
	}
	if *caDir != "" {
		if err := revokeCert(*caDir, id, *crlTo, out); err != nil {
			return err
		}
	}
	if err := creds.WriteFile(*passwd); err != nil {
		return err
	}
	// The number stays taken: the hub keeps the revoked kiosk's tickets,
	// and a new kiosk with its number would collide with their codes.
	fmt.Fprintf(out, "kiosk %s revoked in %s; restart the hub (mosquitto: systemctl reload mosquitto) to shut it out\n", id, *passwd)
	return nil
}

// randomPassword is 160 random bits in base32: typeable, no quoting needed.
func randomPassword() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)), nil
}

func randomDigits(n int) (string, error) {
	var s strings.Builder
	for range n {
		d, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			return "", err
		}
		s.WriteString(d.String())
	}
	return s.String(), nil
}

// ticketKeyPath is where the bundle's ticket key is on the kiosk.
const ticketKeyPath = "/etc/opinionwall/ticket.key"

// readRegistry reads the station's kiosk number registry; a missing file
// is an empty registry.
func readRegistry(path string) (kiosk.Registry, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return kiosk.Registry{}, nil
	}
	if err != nil {
		return nil, err
	}
	return kiosk.ParseRegistry(b)
}

// writeRegistry replaces the registry file, readable by the hub.
func writeRegistry(path string, r kiosk.Registry) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, r.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
