package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

func keygenCmd(args []string, out io.Writer) error {
	fl := flag.NewFlagSet("keygen", flag.ContinueOnError)
	dir := fl.String("dir", "/etc/opinionwall", "directory for NAME.key and NAME.pub")
	name := fl.String("name", "hub", "key name")
	if err := fl.Parse(args); err != nil {
		return err
	}
	pub, err := mqtt.GenerateKey(*dir, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "key %s: %s/%s.key (secret), %s/%s.pub (copy to every kiosk's trust directory)\n",
		mqtt.KeyID(pub), *dir, *name, *dir, *name)
	return nil
}

func passwdCmd(args []string, in io.Reader, out io.Writer) error {
	fl := flag.NewFlagSet("passwd", flag.ContinueOnError)
	file := fl.String("file", "/etc/opinionwall/passwd", "password file (mosquitto format)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: hub passwd -file FILE USER (password on standard input)")
	}
	user := fl.Arg(0)
	pass, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	pass = strings.TrimRight(pass, "\r\n")
	if len(pass) < 8 {
		return fmt.Errorf("a broker password needs at least 8 characters")
	}
	creds, err := mqtt.OpenCredentials(*file)
	if err != nil {
		return err
	}
	if err := creds.SetCost(user, pass, mqtt.HumanIterations); err != nil { // a password a person typed
		return err
	}
	if err := creds.WriteFile(*file); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: set the password of %s (%d users)\n", *file, user, len(creds.Users()))
	return nil
}

func aclText() string { return mqtt.MosquittoACL() }

// aclCmd prints the v1 ACL: mosquitto's acl_file, or with -nats the
// authorization block of a district's nats-server nodes (deploy/nats) for
// hub, ops and every kiosk of the -kiosks registry, each logging in with
// its certificate from the station's CA.
func aclCmd(args []string, out io.Writer) error {
	fl := flag.NewFlagSet("acl", flag.ContinueOnError)
	nats := fl.Bool("nats", false, "nats-server's users.conf instead of a mosquitto acl_file")
	kiosks := fl.String("kiosks", "/etc/opinionwall/kiosks", "with -nats: the kiosk registry (ID NUMBER a line), one user each")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if !*nats {
		_, err := fmt.Fprint(out, aclText())
		return err
	}
	raw, err := os.ReadFile(*kiosks)
	if err != nil {
		return fmt.Errorf("acl: %w", err)
	}
	reg, err := kiosk.ParseRegistry(raw)
	if err != nil {
		return fmt.Errorf("acl: %s: %w", *kiosks, err)
	}
	users := []mqtt.NATSUser{{Name: mqtt.UserHub}, {Name: mqtt.UserOps}}
	for _, id := range slices.Sorted(maps.Keys(reg)) {
		users = append(users, mqtt.NATSUser{Name: id})
	}
	text, err := mqtt.NATSAuthorization(users)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(out, text)
	return err
}
