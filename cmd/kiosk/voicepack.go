package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
	"opinionwall/kiosk/toml"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

// voicepackCmd is "kiosk voicepack": render the synthesised prompts into
// the speech cache at install, show the installed pack, or install one.
func voicepackCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("voicepack: render, check or install")
	}
	sub := args[0]
	fs := flag.NewFlagSet("voicepack "+sub, flag.ContinueOnError)
	cfgPath := fs.String("config", "/etc/opinionwall/kiosk.toml", "configuration file")
	dataDir := fs.String("data", "/var/lib/opinionwall", "data directory (the speech cache is its speech/)")
	trustDir := fs.String("trust", "/etc/opinionwall/trust", "directory of trusted public keys (ops*.pub sign voice packs)")
	wavDir := fs.String("wav", "", "render: also write each prompt as DIR/<prompt>.wav, to listen to")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := toml.Load(*cfgPath)
	if err != nil {
		return err
	}
	synth := &espeak.Espeak{Voice: cfg.Booth.Voice, CacheDir: filepath.Join(*dataDir, "speech")}
	switch sub {
	case "render":
		if err := synth.Check(ctx); err != nil {
			return err
		}
		start := time.Now()
		for _, p := range booth.Prompts {
			pcm, err := synth.Synthesize(ctx, p.Text)
			if err != nil {
				return fmt.Errorf("%s: %w", p.ID, err)
			}
			if *wavDir != "" {
				if err := wav.WriteFile(filepath.Join(*wavDir, string(p.ID)+".wav"), pcm); err != nil {
					return err
				}
			}
		}
		fmt.Fprintf(out, "rendered %d prompts into %s in %s\n", len(booth.Prompts), synth.CacheDir, time.Since(start).Round(time.Millisecond))
		return nil
	case "check", "install":
		trust, err := mqtt.LoadTrust(*trustDir)
		if err != nil && sub == "check" {
			fmt.Fprintf(out, "no trusted keys, so no voice pack can be used: %v\n", err)
			describePack(out, nil, synth)
			return nil
		}
		if err != nil {
			return err
		}
		var pack *voicepack.Pack
		if sub == "install" {
			if fs.NArg() != 1 {
				return errors.New("voicepack install FILE")
			}
			b, err := os.ReadFile(fs.Arg(0))
			if err != nil {
				return err
			}
			if pack, err = voicepack.Install(cfg.Booth.VoicePack, b, trust); err != nil {
				return err
			}
			fmt.Fprintf(out, "installed at %s (restart the kiosk to use it)\n", cfg.Booth.VoicePack)
		} else if pack, err = voicepack.Load(cfg.Booth.VoicePack, trust); err != nil && !errors.Is(err, voicepack.ErrNoPack) {
			return err
		}
		describePack(out, pack, synth)
		return nil
	}
	return fmt.Errorf("voicepack: unknown %q (render, check or install)", sub)
}

// describePack says, prompt by prompt, what a caller will hear.
func describePack(out io.Writer, pack *voicepack.Pack, synth *espeak.Espeak) {
	if pack == nil {
		fmt.Fprintln(out, "no voice pack installed: every prompt is synthesised")
	} else {
		fmt.Fprintf(out, "voice pack v%d by %s, signed by %s\n", pack.Version, pack.By, pack.Key)
		for _, p := range pack.Problems {
			fmt.Fprintf(out, "  left out: %s\n", p)
		}
	}
	for _, p := range booth.Prompts {
		how := "synthesised (not rendered yet)"
		if _, ok := pack.Clip(p.ID); ok {
			how = "recorded"
		} else if synth.Cached(p.Text) {
			how = "synthesised (rendered)"
		}
		fmt.Fprintf(out, "  %-18s %-32s %s\n", p.ID, how, p.Text)
	}
}
