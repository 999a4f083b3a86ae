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
	"time"

	"opinionwall/kiosk/toml"
	"opinionwall/mqtt"
)

// configPushCmd makes a configuration the kiosk's desired one and waits
// for it to be applied.
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

// updateCmd publishes a release and updates the kiosk to it.
func updateCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("update", flag.ContinueOnError)
	var c common
	c.register(fs)
	binary := fs.String("binary", "", "the new kiosk binary")
	version := fs.String("version", "", "its version")
	releases := fs.String("releases", "/var/lib/opinionwall-hub/releases", "the folder the hub serves releases from")
	baseURL := fs.String("base-url", "http://127.0.0.1:8088/releases", "the releases folder's URL as kiosks reach it")
	sig := fs.String("sig", "", "the release key's signature of the binary (kioskctl sign-release; default: BINARY.sig)")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 || *binary == "" || *version == "" {
		return &exitError{exitUsage, errors.New("usage: kioskctl update KIOSK -binary PATH -version V [-sig FILE] [-releases DIR -base-url URL]")}
	}
	if *sig == "" {
		*sig = *binary + ".sig"
	}
	signature, err := os.ReadFile(*sig)
	if err != nil {
		return &exitError{exitUsage, fmt.Errorf("the release signature: %w (sign the binary on the release key's machine: kioskctl sign-release %s -version %s)", err, *binary, *version)}
	}
	plan, err := publishRelease(*binary, *version, *releases, *baseURL)
	if err != nil {
		return err
	}
	plan["release_sig"] = strings.TrimSpace(string(signature))
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
