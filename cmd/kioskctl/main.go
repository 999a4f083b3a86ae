// Command kioskctl is the maintainer's tool: it lists the fleet from the
// kiosks' retained presence, sends them signed commands over MQTT and
// prints the results, pushes configurations and updates, and provisions
// and revokes kiosks in the station's broker password file.
//
//	kioskctl keygen -dir DIR [-name ops]
//	kioskctl fleet [-json]
//	kioskctl send [-all] KIOSK CMD [ARGS-JSON]
//	kioskctl screenshot KIOSK -o FILE.png
//	kioskctl logs KIOSK [-n 100]
//	kioskctl update KIOSK -binary PATH -version V [-sig FILE] -releases DIR -base-url URL
//	kioskctl release-key init [-dir DIR]
//	kioskctl sign-release FILE -version V [-key release.key]
//	kioskctl config push KIOSK FILE.toml [-version N]
//	kioskctl provision KIOSK -number N [-role wall|booth] [-broker URL] ...
//	kioskctl revoke KIOSK [-passwd FILE]
//
// commands.go dispatches and holds keygen; talk.go the broker flags and
// sending; fleet.go, inspect.go (screenshot, logs), push.go (config push,
// update), release.go (release-key, sign-release) and provision.go
// (provision, revoke) the commands by group.
//
// Exit codes: 0 ok, 1 usage or local error, 2 rejected or failed,
// 3 no answer in time, 4 broker unreachable.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK          = 0
	exitUsage       = 1
	exitRefused     = 2
	exitTimeout     = 3
	exitUnreachable = 4
)

// exitError carries an exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := dispatch(ctx, os.Args[1:], os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kioskctl:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(exitUsage)
	}
}
