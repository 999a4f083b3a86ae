package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"opinionwall/hardware"
	"opinionwall/kiosk"
	"opinionwall/kiosk/toml"
)

// hwcheckCmd is the installer's check of a kiosk's hardware: it blinks each
// LED, waits for each button (and the handset and motion sensor), reads
// the sensors and sets the backlight, saying what it found. It fails when
// something did not answer.
func hwcheckCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("hwcheck", flag.ContinueOnError)
	cfgPath := fs.String("config", "/etc/opinionwall/kiosk.toml", "configuration file")
	backend := fs.String("hardware", "periph", "hardware backend: periph on the Pi, or sim")
	simSocket := fs.String("sim-socket", "", "with -hardware sim: control socket")
	wait := fs.Duration("wait", 15*time.Second, "how long to wait for each button")
	audioOnly := fs.Bool("audio", false, "check only the booth's sound card and speech")
	dataDir := fs.String("data", "/var/lib/opinionwall", "data directory (the fake audio device writes here)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := toml.Load(*cfgPath)
	if err != nil {
		return err
	}
	if *audioOnly {
		return verdict(checkAudio(ctx, &cfg, *dataDir, out), out)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hw, err := openHardware(ctx, *backend, *simSocket, &cfg, log)
	if err != nil {
		return err
	}
	defer hw.Close()
	fmt.Fprintf(out, "hardware: %s\n", hw.backend)
	failed := checkAudio(ctx, &cfg, *dataDir, out)

	h := cfg.Hardware
	for i, pin := range h.LEDPins {
		name := fmt.Sprintf("rate%d", i+1)
		fmt.Fprintf(out, "LED %-6s %-7s ", name, pin)
		if err := hw.leds.SetLED(name, hardware.On); err != nil {
			fmt.Fprintf(out, "FAILED: %v\n", err)
			failed++
			continue
		}
		time.Sleep(300 * time.Millisecond)
		hw.leds.SetLED(name, hardware.Off)
		fmt.Fprintln(out, "lit for 0.3 s: check it lit")
	}

	type input struct{ name, pin, ask string }
	var inputs []input
	for i, pin := range h.RatePins {
		inputs = append(inputs, input{fmt.Sprintf("rate%d", i+1), pin, "press the rating button"})
	}
	if h.HelpPin != "" {
		inputs = append(inputs, input{hardware.Help, h.HelpPin, "press the help button"})
	}
	if h.HookPin != "" && cfg.Kiosk.Role == kiosk.RoleBooth {
		inputs = append(inputs, input{hardware.Hook, h.HookPin, "lift the handset"})
	}
	if h.MotionPin != "" {
		inputs = append(inputs, input{hardware.Motion, h.MotionPin, "walk in front of the motion sensor"})
	}
	for _, in := range inputs {
		fmt.Fprintf(out, "%s %s (%s, %s)... ", in.ask, in.name, in.pin, *wait)
		if waitFor(ctx, hw.inputs, in.name, *wait) {
			fmt.Fprintln(out, "ok")
		} else {
			fmt.Fprintln(out, "NOTHING")
			failed++
		}
	}

	r := hw.sensors.Read(ctx)
	fmt.Fprintf(out, "sensors: %s\n", describeReading(r))
	for _, e := range r.Errors {
		fmt.Fprintf(out, "  %s\n", e)
	}
	failed += len(r.Errors)

	if err := hw.backlight.SetBrightness(100); err != nil {
		fmt.Fprintf(out, "backlight: FAILED: %v\n", err)
		failed++
	} else {
		fmt.Fprintln(out, "backlight: set to 100%")
	}
	return verdict(failed, out)
}

// verdict says whether every check passed.
func verdict(failed int, out io.Writer) error {
	if failed > 0 {
		return fmt.Errorf("%d checks failed", failed)
	}
	fmt.Fprintln(out, "all checks passed")
	return nil
}

// waitFor waits for any event of the named input.
func waitFor(ctx context.Context, in hardware.Inputs, name string, d time.Duration) bool {
	deadline := time.After(d)
	for {
		select {
		case e := <-in.Events():
			if e.Input == name {
				return true
			}
		case <-deadline:
			return false
		case <-ctx.Done():
			return false
		}
	}
}
