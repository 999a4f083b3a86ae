package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

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
