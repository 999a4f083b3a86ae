package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"opinionwall/mqtt"
)

const usage = `usage:
  kioskctl keygen -dir DIR [-name ops]      an ed25519 pair for signing commands (put NAME.pub in kiosks' trust)
  kioskctl fleet [-json]                    every kiosk's retained state: id, state, version, since
  kioskctl send [-all] KIOSK CMD [ARGS]     sign and send a command, wait for its result (ARGS: JSON object)
  kioskctl screenshot KIOSK -o FILE.png     the kiosk's screen
  kioskctl logs KIOSK [-n 100]              the kiosk's last log lines
  kioskctl update KIOSK -binary PATH -version V [-sig FILE] -releases DIR -base-url URL
                                            put the binary in the station's releases and update the kiosk to it
                                            (signed: BINARY.sig from sign-release)
  kioskctl release-key init [-dir DIR]      the release key pair, on an offline machine (release.pub into kiosks' trust)
  kioskctl sign-release FILE -version V [-key release.key]
                                            FILE.sig: the release key's signature of a kiosk binary
  kioskctl config push KIOSK FILE.toml [-version N]
                                            the kiosk's desired configuration (retained, signed); waits for it to apply
  kioskctl provision KIOSK -number N [-role wall|booth] [-broker URL] [-ca DIR] [-passwd F] [-trust DIR] [-o DIR] [-replace]
                                            a new kiosk: its password in the station's file, and a bundle
                                            (config, password, trusted keys, broker, and for ssl:// its
                                            certificate from the station's CA in DIR, a USB stick) for its card
  kioskctl revoke KIOSK [-passwd F] [-ca DIR [-crl-to F]]
                                            take a kiosk out of the station's password file; with -ca also
                                            revoke its certificate and copy the CRL to the station's -tls-crl F
  kioskctl voicepack sign [-key ops.key] [-by NAME] [-version N] [-o FILE] DIR
                                            a booth voice pack: DIR's <prompt>.wav recordings, signed;
                                            install it on a booth with kiosk voicepack install FILE
  kioskctl voicepack push FILE [KIOSK...|all]
                                            publish a signed pack (retained) to the named booths, or to every
                                            booth (all, the default); waits for the booths' answers
common flags: -broker URL -user ops -password-file F -key ops.key [-tls-ca F [-tls-cert F -tls-key F]] [-timeout 20s] [-json]
`

// dispatch runs the command named by args[0].
func dispatch(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return &exitError{exitUsage, errors.New(strings.TrimSpace(usage))}
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "keygen":
		return keygenCmd(args, out)
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
	case "release-key":
		return releaseKeyCmd(args, out)
	case "sign-release":
		return signReleaseCmd(args, out)
	case "config":
		if len(args) == 0 || args[0] != "push" {
			return &exitError{exitUsage, errors.New("usage: kioskctl config push KIOSK FILE.toml")}
		}
		return configPushCmd(ctx, args[1:], out)
	case "provision":
		return provisionCmd(args, out)
	case "revoke":
		return revokeCmd(args, out)
	case "voicepack":
		switch {
		case len(args) > 0 && args[0] == "sign":
			return voicepackSignCmd(args[1:], out)
		case len(args) > 0 && args[0] == "push":
			return voicepackPushCmd(ctx, args[1:], out)
		}
		return &exitError{exitUsage, errors.New("usage: kioskctl voicepack sign DIR | push FILE [KIOSK...|all]")}
	case "help", "-h", "--help":
		fmt.Fprint(out, usage)
		return nil
	}
	return &exitError{exitUsage, fmt.Errorf("unknown command %q\n%s", cmd, usage)}
}

// keygenCmd makes the ed25519 pair that signs commands.
func keygenCmd(args []string, out io.Writer) error {
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
