// Command kiosk runs an Opinion Wall street kiosk, and prints the state of
// its local store for maintenance staff.
//
//	kiosk [run] -config FILE -data DIR   run the kiosk (resident screens, or -script without a window)
//	kiosk status -data DIR               the local store's state, without starting the kiosk
//	kiosk check-config -config FILE      validate a configuration file
//	kiosk config-example                 print a commented configuration file
//	kiosk update-guard -install-dir DIR  before every start: roll a failing update back
//	kiosk hwcheck -config FILE           check the buttons, LEDs, sensors and backlight of a Pi
//	kiosk voice-test -config FILE -data DIR FILE.wav  leave a WAV file as a voice message
//
// This is where the kiosk's parts are wired, and only here: Main (run.go)
// opens the local store (kiosk/sqlite), the hardware (hardware/periph or
// hardware/sim), the relay to the station (mqtt), the resident's side (the
// window of package display, or a script of kiosk/session), the
// maintenance commands (kiosk/ops) and updates (kiosk/update), and closes
// them in reverse order. What a hardware button means for a visit is
// decided here too (buttons.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	_ "opinionwall/internal/fynelocale" // before Fyne reads the locale
	"opinionwall/kiosk/session"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := dispatch(ctx, os.Args[1:])
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "kiosk:", err)
	}
	os.Exit(exitCode(err))
}

// exitCode is 0 for success and for -h (the flags' usage was asked for and
// printed), 1 for any other error.
func exitCode(err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 1
}

func dispatch(ctx context.Context, args []string) error {
	cmd := "run"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "run":
		return runCmd(ctx, args, os.Stdin, os.Stdout)
	case "status":
		return statusCmd(ctx, args, os.Stdout)
	case "check-config":
		return checkConfigCmd(args, os.Stdout)
	case "config-example":
		return configExampleCmd(os.Stdout)
	case "hwcheck":
		return hwcheckCmd(ctx, args, os.Stdout)
	case "voicepack":
		return voicepackCmd(ctx, args, os.Stdout)
	case "update-guard":
		return updateGuardCmd(args, os.Stdout)
	case "voice-test":
		return voiceTestCmd(ctx, args, os.Stdout)
	case "help", "-h", "--help":
		fmt.Fprint(os.Stdout, usage+"\n"+session.ScriptHelp)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

const usage = `usage:
  kiosk [run] -config FILE -data DIR [-broker URL ...] [-script FILE|-]
                                  run the kiosk: the resident screens full screen (OW_WINDOWED=1
                                  for a window), or with -script no window and resident actions
                                  read as lines from FILE (- for standard input)
  kiosk status -data DIR          print the local store's state (pending, inflight, acked,
                                  oldest pending, last ack, size, versions); starts nothing
  kiosk check-config -config FILE validate a configuration file and name every bad key
  kiosk config-example            print a commented configuration file
  kiosk update-guard -install-dir DIR
                                  before every start (systemd ExecStartPre): roll a failing update back
  kiosk hwcheck -config FILE [-wait 15s] [-audio]
                                  installer's check on a Pi: play a tone and record 2 s through the
                                  booth's sound card, blink each LED, wait for each button, the
                                  handset and motion, read the sensors, set the backlight
  kiosk voicepack render|check|install [-config FILE] [-data DIR] [-trust DIR] [FILE]
                                  the booth's prompts: render the synthesised ones into the speech
                                  cache (at install), show what the installed pack holds, or
                                  install a signed pack file
  kiosk voice-test -config FILE -data DIR FILE.wav
                                  leave a recording as a voice message (16-bit WAV at 8, 12, 16, 24
                                  or 48 kHz); the running kiosk sends it to the station
`
