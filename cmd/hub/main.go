// Command hub runs the community station's side of Opinion Wall: the
// embedded MQTT broker (or a connection to an external one), the ingest of
// every kiosk's submissions into the station's store, and the tools around
// it.
//
//	hub [run] -data DIR -credentials FILE -key FILE [-listen ADDR] [-broker URL]
//	hub export -data DIR -format csv|json [-o FILE] [-contacts -worker ID]
//	hub fleet -data DIR
//	hub app [-socket /run/opinionwall/desk.sock]
//	hub worker add|pin|list|building -data DIR ...
//	hub ledger -data DIR -format xlsx|csv [-o FILE] [-status S]
//	hub targets -data DIR [-class big|small|private|none -reply DAYS -close DAYS]
//	hub report -data DIR -month 2026-11 [-o FILE.png] [-lang zh|en]
//	hub backup -data DIR -o FILE
//	hub copy-store -data DIR -db postgres://…
//	hub apikey add|list|revoke -data DIR ...
//	hub upstream add|list|remove -data DIR ...
//	hub keygen -dir DIR [-name hub]
//	hub passwd -file FILE USER
//	hub acl [-nats [-kiosks FILE]]
//	hub ca init|issue|revoke|crl|list -ca DIR ...
//	hub purge -data DIR [-days 180] [-dry-run]
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	_ "opinionwall/internal/fynelocale" // before Fyne reads the locale
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := dispatch(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "hub:", err)
		os.Exit(1)
	}
}

func dispatch(ctx context.Context, args []string) error {
	cmd := "run"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "run":
		return runCmd(ctx, args)
	case "export":
		return exportCmd(ctx, args, os.Stdin, os.Stdout)
	case "fleet":
		return fleetCmd(ctx, args, os.Stdout)
	case "app":
		return appCmd(ctx, args)
	case "worker":
		return workerCmd(ctx, args, os.Stdin, os.Stdout)
	case "seed":
		return seedCmd(ctx, args, os.Stdout)
	case "ledger":
		return ledgerCmd(ctx, args, os.Stdout)
	case "targets":
		return targetsCmd(ctx, args, os.Stdout)
	case "report":
		return reportCmd(ctx, args, os.Stdout)
	case "backup":
		return backupCmd(ctx, args, os.Stdout)
	case "copy-store":
		return copyStoreCmd(ctx, args, os.Stdout)
	case "keygen":
		return keygenCmd(args, os.Stdout)
	case "passwd":
		return passwdCmd(args, os.Stdin, os.Stdout)
	case "apikey":
		return apikeyCmd(ctx, args, os.Stdout)
	case "upstream":
		return upstreamCmd(ctx, args, os.Stdin, os.Stdout)
	case "ca":
		return caCmd(args, os.Stdout)
	case "purge":
		return purgeCmd(ctx, args, os.Stdout)
	case "acl":
		return aclCmd(args, os.Stdout)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

const usage = `usage:
  hub [run] -data DIR -credentials FILE -key FILE [-listen ADDR] [-tls-listen ADDR -tls-cert F -tls-key F
            -tls-ca F [-tls-crl F]] [-broker URL -broker-user U -broker-password-file F] [-headless] [-shared [-client-id ID]]
            [-broker-ca F -broker-cert F -broker-key F] (-broker: a cluster's nodes comma-separated)
            [-desk-socket PATH] [-open311-listen ADDR -open311-jurisdiction J -open311-poll D] [-retention-days 180]
                       run the station: embedded broker (default) or an external one, the ingest, and
                       the review app's window (unless -headless or there is no display); -desk-socket
                       serves the review app's local API (the unit: /run/opinionwall/desk.sock)
  hub app [-socket /run/opinionwall/desk.sock] [-export-dir DIR] [-lang zh|en]
                       the review app alone, a client of the hub service's local API (hub run -desk-socket):
                       it never opens the store
  hub worker add -data DIR -id ID -name NAME -role lead|worker|volunteer [-buildings B1,B2]
                       add a station worker (PIN of 6-12 digits read from standard input); buildings are their 包楼
  hub worker pin -data DIR -id ID
                       set a worker's new PIN (standard input) and lift their lockout: a forgotten PIN,
                       or one shorter than 6 digits, which no longer logs in
  hub worker list -data DIR
  hub worker building -data DIR BUILDING WORKER
                       give a building to a worker ("" removes it)
  hub ledger -data DIR [-format xlsx|csv] [-o FILE] [-status open|received|...]
                       the work ledger (工作台账): cases with status, class and replies; no contact details
  hub targets -data DIR [-class big|small|private|none -reply DAYS -close DAYS]
                       the targets per class (三事分流) the charts, overdue marks and report judge by
  hub report -data DIR -month 2026-11 [-o FILE.png] [-lang zh|en]
                       the month's one-page report for the residents' committee: FILE.png and FILE.xlsx
  hub export -data DIR -format csv|json [-o FILE] [-contacts -worker LEAD-ID]
                       every submission; CSV is UTF-8 with a BOM so Excel shows Chinese; without contact
                       details and with phone and room numbers masked in the text unless a lead asks with
                       -contacts (PIN on standard input; audited); the file is made 0600
  hub fleet -data DIR  the kiosks: state, last seen, last seq, gaps, received
  hub seed -data DIR [-n 3000] [-days 120]
                       fill a new data directory with believable data for a demo (workers' PIN 246813)
  hub backup -data DIR -o FILE
                       a consistent copy of the store, taken while the hub runs (restore: docs/OPERATIONS.md)
  hub copy-store -data DIR -db postgres://…
                       copy a community's store (DATA/hub.db, hub stopped) into an empty PostgreSQL one
  hub apikey add -data DIR -id ID -name NAME -number NN [-rate N]
                       an Open311 API key for a partner (12345 hotline): printed once, kept hashed
  hub apikey list|revoke -data DIR [-id ID]
  hub upstream add -data DIR -body NAME -url BASE/ [-jurisdiction J] [-service CODE] [-area A]
                       a government body's Open311 endpoint its 大事 go to (its API key on standard input)
  hub upstream list|remove -data DIR [-body NAME]
  hub keygen -dir DIR [-name hub]
                       an ed25519 key pair for signing: NAME.key (keep secret) and NAME.pub (for kiosks)
  hub passwd -file FILE USER
                       add or change USER's password (read from standard input) in a mosquitto-format file
  hub acl              the v1 ACL as a mosquitto acl_file, for stations that run mosquitto
  hub acl -nats [-kiosks FILE]
                       the v1 ACL as nats-server's users.conf for a district's cluster (deploy/nats):
                       hub, ops and each kiosk of the registry, logging in by certificate (CN)
  hub ca init -ca DIR -host NAME[,IP...]
                       the station's certificate authority in DIR (an offline machine or USB stick):
                       ca.crt, ca.key, ca.crl and the broker's server.crt, server.key for NAME, IP
  hub ca issue -ca DIR [-replace] KIOSK-ID ... | -server NAME[,IP...]
                       kiosks' client certificates (kiosks/ID.crt, ID.key), or a new broker certificate
  hub ca revoke -ca DIR [-crl-to FILE] KIOSK-ID|SERIAL ...
                       revoke certificates into ca.crl (and copy it to the station's -tls-crl FILE)
  hub ca crl -ca DIR [-crl-to FILE]   rewrite (renew) the revocation list
  hub ca list -ca DIR  every certificate issued, with its serial and state
  hub purge -data DIR [-days 180] [-dry-run]
                       erase the free text and contact details of cases closed more than DAYS ago and
                       refused submissions as old (the service does it daily: hub run -retention-days)
`
