package main

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"opinionwall/hardware"
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
	b, clips, err := voicepack.Make(mqtt.NewSigner(k), fs.Arg(0), *version, *by, time.Now(), *codec)
	if err != nil {
		return err
	}
	for _, p := range booth.Prompts {
		if pcm, ok := clips[p.ID]; ok {
			fmt.Fprintf(out, "  %-18s recorded, %.1f s\n", p.ID, hardware.Duration(pcm).Seconds())
		} else {
			fmt.Fprintf(out, "  %-18s synthesised (no %s.wav)\n", p.ID, p.ID)
		}
	}
	if err := os.WriteFile(*output, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "voice pack v%d: %d of %d prompts recorded, %s, %d KiB, signed by %s: %s\n",
		*version, len(clips), len(booth.Prompts), *codec, len(b)>>10, mqtt.KeyID(k.Public().(ed25519.PublicKey)), *output)
	return nil
}

// packEncoder codes a pack's clips as Ogg Opus at 24 kbit/s
// (voicepack.OpusEncoder).
func packEncoder(pcm []int16) ([]byte, error) {
	enc := opus.NewEncoder()
	enc.Bitrate = 24000
	b, _, err := enc.Encode(pcm, hardware.SampleRate)
	return b, err
}

func init() { voicepack.OpusEncoder = packEncoder }
