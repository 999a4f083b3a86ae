package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
	"opinionwall/kiosk/toml"
	"opinionwall/voice"
	"opinionwall/voice/opus"
)

// newVoice is the booth's voice messages: recordings coded with libopus
// and stored with their ticket; stored tells the relay (nil for none).
// The booth's dialogue calls its SaveVoice(ctx, pcm, rate).
func newVoice(cfg *kiosk.Config, db *sqlite.DB, stored func()) *kiosk.Voice {
	return &kiosk.Voice{Kiosk: cfg.Kiosk.ID, Encoder: opus.NewEncoder(), Store: db, Stored: stored, ClockSynced: clockSynced}
}

// voiceTestCmd is `kiosk voice-test`: an installer leaves a WAV file as a
// voice message, which the running kiosk's relay sends to the station
// like one left at the handset; it prints the receipt code.
func voiceTestCmd(ctx context.Context, args []string, out io.Writer) error {
	flags := flag.NewFlagSet("voice-test", flag.ContinueOnError)
	cfgPath := flags.String("config", "/etc/opinionwall/kiosk.toml", "configuration file")
	data := flags.String("data", "/var/lib/opinionwall", "data directory")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return fmt.Errorf("usage: kiosk voice-test -config FILE -data DIR FILE.wav")
	}
	b, err := os.ReadFile(flags.Arg(0))
	if err != nil {
		return err
	}
	pcm, rate, err := voice.ReadWAV(b)
	if err != nil {
		return err
	}
	cfg, err := toml.Load(*cfgPath)
	if err != nil {
		return err
	}
	db, err := openStore(&cfg, *data, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	code, err := newVoice(&cfg, db, nil).SaveVoice(ctx, pcm, rate)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "voice message %s stored in %s (%d s)\n", kiosk.FormatTicket(code), filepath.Join(*data, "kiosk.db"), len(pcm)/rate)
	return nil
}
