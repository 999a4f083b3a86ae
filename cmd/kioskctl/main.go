// Command kioskctl is the maintainer's tool: it lists the fleet from the
// kiosks' retained presence and sends them signed commands over MQTT,
// printing the results.
//
//	kioskctl keygen -dir DIR [-name ops]
//	kioskctl fleet [-json]
//	kioskctl send [-all] KIOSK CMD [ARGS-JSON]
//	kioskctl screenshot KIOSK -o FILE.png
//	kioskctl logs KIOSK [-n 100]
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
