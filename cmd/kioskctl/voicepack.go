package main

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
	"opinionwall/voice/opus"
)

// voicepackSignCmd makes a booth voice pack: the recordings in a directory
// (one <prompt>.wav per fixed prompt; any left out are synthesised at the
// booth) signed with an operations key, versioned. The pack file is
// installed on a booth with `kiosk voicepack install`.
func voicepackSignCmd(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("voicepack sign", flag.ContinueOnError)
	key := fs.String("key", "ops.key", "operations key (ed25519) that signs the pack")
	version := fs.Int64("version", time.Now().Unix(), "the pack's version; a booth installs only a newer one")
	by := fs.String("by", "", "who recorded it (shown by `kiosk voicepack check`)")
	output := fs.String("o", "voicepack.signed", "the signed pack file to write")
	codec := fs.String("codec", "opus", "how the clips travel: opus (small enough for the broker) or wav")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{exitUsage, errors.New("usage: kioskctl voicepack sign [-key ops.key] [-by NAME] [-o FILE] DIR")}
	}
	k, err := mqtt.LoadPrivateKey(*key)
	if err != nil {
		return err
	}
	clips := map[booth.Prompt][]int16{}
	for _, p := range booth.Prompts {
		path := filepath.Join(fs.Arg(0), string(p.ID)+".wav")
		pcm, err := wav.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(out, "  %-18s synthesised (no %s)\n", p.ID, filepath.Base(path))
			continue
		}
		if err != nil {
			return err
		}
		clips[p.ID] = pcm
		fmt.Fprintf(out, "  %-18s recorded, %.1f s\n", p.ID, float64(len(pcm))/16000)
	}
	if len(clips) == 0 {
		return fmt.Errorf("no recordings in %s (name them <prompt>.wav: welcome.wav, menu.wav, ...)", fs.Arg(0))
	}
	m, err := buildPack(*version, *by, clips, *codec)
	if err != nil {
		return err
	}
	b, err := mqtt.NewSigner(k).Sign(voicepack.Type, voicepack.Topic, m)
	if err != nil {
		return err
	}
	if len(b) > voicepack.MaxBytes {
		return fmt.Errorf("the pack is %d bytes, over the %d a booth takes: shorten the recordings", len(b), voicepack.MaxBytes)
	}
	if err := os.WriteFile(*output, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "voice pack v%d: %d of %d prompts recorded, %s, %d KiB, signed by %s: %s\n",
		*version, len(clips), len(booth.Prompts), *codec, len(b)>>10, mqtt.KeyID(k.Public().(ed25519.PublicKey)), *output)
	return nil
}

// buildPack is the manifest of the recordings, each coded as codec: Ogg
// Opus at 24 kbit/s (a pack of 29 prompts is about half a megabyte) or WAV
// (about 8 MB, over what the broker carries; for installing by hand).
func buildPack(version int64, by string, clips map[booth.Prompt][]int16, codec string) (voicepack.Manifest, error) {
	m := voicepack.Build(version, by, time.Now(), clips)
	switch codec {
	case "wav":
		return m, nil
	case "opus":
	default:
		return m, fmt.Errorf("-codec %q: opus or wav", codec)
	}
	enc := opus.NewEncoder()
	enc.Bitrate = 24000
	for id, pcm := range clips {
		b, _, err := enc.Encode(pcm, hardware.SampleRate)
		if err != nil {
			return m, fmt.Errorf("%s: %w", id, err)
		}
		m.Clips[string(id)] = b
	}
	return m, nil
}
