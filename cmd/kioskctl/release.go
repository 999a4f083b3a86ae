package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"opinionwall/kiosk/update"
	"opinionwall/mqtt"
)

// releaseKeyCmd makes the release key pair: release.key stays on the
// offline machine that signs releases, release.pub goes into every kiosk's
// trust directory (kioskctl provision copies it from -trust).
func releaseKeyCmd(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("release-key", flag.ContinueOnError)
	dir := fs.String("dir", ".", "directory (on the offline machine)")
	if len(args) == 0 || args[0] != "init" {
		return &exitError{exitUsage, errors.New("usage: kioskctl release-key init [-dir DIR]")}
	}
	if err := fs.Parse(args[1:]); err != nil {
		return &exitError{exitUsage, err}
	}
	pub, err := mqtt.GenerateKey(*dir, "release")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "release key %s: %s/release.key (secret: keep it offline), %s/release.pub (into the station's /etc/opinionwall and every kiosk's trust directory)\n",
		mqtt.KeyID(pub), *dir, *dir)
	return nil
}

// signReleaseCmd writes FILE.sig, the release key's detached signature of
// the kiosk binary FILE as version V.
func signReleaseCmd(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("sign-release", flag.ContinueOnError)
	version := fs.String("version", "", "the release's version (as kioskctl update will name it)")
	keyPath := fs.String("key", "release.key", "the release key")
	if err := fs.Parse(reorder(args)); err != nil {
		return &exitError{exitUsage, err}
	}
	if fs.NArg() != 1 || *version == "" {
		return &exitError{exitUsage, errors.New("usage: kioskctl sign-release FILE -version V [-key release.key]")}
	}
	if err := (update.Plan{Version: *version, URL: "-", SHA256: strings.Repeat("0", 64), Size: 1}).Check(0); err != nil {
		return &exitError{exitUsage, err}
	}
	key, err := mqtt.LoadPrivateKey(*keyPath)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	sig := update.SignRelease(key, *version, hex.EncodeToString(sum[:]))
	if err := os.WriteFile(fs.Arg(0)+".sig", []byte(sig+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s.sig: release %s (sha256 %x) signed by %s\n", fs.Arg(0), *version, sum, mqtt.KeyID(key.Public().(ed25519.PublicKey)))
	return nil
}
