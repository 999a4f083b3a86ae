package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/malgo"
	"opinionwall/kiosk"
	"opinionwall/kiosk/espeak"
)

// checkAudio plays a tone through the handset and records two seconds,
// printing the level as it goes, so an installer hears and sees that both
// work; then it checks speech synthesis. It returns the number of failed
// checks. A kiosk with no audio_device has nothing to check.
func checkAudio(ctx context.Context, cfg *kiosk.Config, dataDir string, out io.Writer) int {
	c := cfg.Booth
	if c.AudioDevice == "" {
		if cfg.Kiosk.Role == kiosk.RoleBooth {
			fmt.Fprintln(out, "audio: no booth.audio_device configured: the booth will be silent")
		}
		return 0
	}
	failed := 0
	if d, ok := listCards(out); ok {
		defer d.Close()
	}
	audio, state, closeAudio := openAudio(c, dataDir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if closeAudio != nil {
		defer closeAudio()
	}
	fmt.Fprintf(out, "audio: %s\n", state)
	if audio == nil {
		return 1
	}
	fmt.Fprint(out, "playing a 1 kHz tone for 1 s: listen at the handset... ")
	if err := audio.Play(ctx, hardware.Tone(1000, hardware.SampleRate, 0.3)); err != nil {
		fmt.Fprintf(out, "FAILED: %v\n", err)
		failed++
	} else {
		fmt.Fprintln(out, "played")
	}
	fmt.Fprintln(out, "recording 2 s: speak into the handset now")
	peak, n := 0.0, 0
	pcm, err := audio.Record(ctx, 2*time.Second, func(l float64) {
		peak = max(peak, l)
		if n++; n%5 == 0 { // a line every quarter second
			fmt.Fprintf(out, "  %4.2f s  %.3f %s\n", float64(n)/20, l, bar(l))
		}
	})
	switch {
	case err != nil:
		fmt.Fprintf(out, "microphone: FAILED: %v\n", err)
		failed++
	case !hardware.Speech(pcm, c.SpeechLevel, 200*time.Millisecond):
		fmt.Fprintf(out, "microphone: NOTHING HEARD (%.1f s, RMS %.3f, loudest %.3f; speech needs %.3f)\n",
			hardware.Duration(pcm).Seconds(), hardware.RMS(pcm), peak, c.SpeechLevel)
		failed++
	default:
		fmt.Fprintf(out, "microphone: ok (%.1f s, RMS %.3f, loudest %.3f)\n", hardware.Duration(pcm).Seconds(), hardware.RMS(pcm), peak)
		fmt.Fprint(out, "playing it back... ")
		audio.Play(ctx, hardware.Normalize(pcm, c.PromptLevel))
		fmt.Fprintln(out, "done")
	}
	synth := &espeak.Espeak{Voice: c.Voice}
	if err := synth.Check(ctx); err != nil {
		fmt.Fprintf(out, "speech: FAILED: %v\n", err)
		failed++
	} else {
		fmt.Fprintf(out, "speech: espeak-ng voice %s ok\n", c.Voice)
	}
	return failed
}

// listCards prints the sound cards miniaudio finds.
func listCards(out io.Writer) (*malgo.Device, bool) {
	d := &malgo.Device{Name: "default"}
	if err := d.Open(); err != nil {
		fmt.Fprintf(out, "sound cards: none (%v)\n", err)
		return nil, false
	}
	play, capture, err := d.Devices()
	if err != nil {
		fmt.Fprintf(out, "sound cards: %v\n", err)
	}
	fmt.Fprintf(out, "sound cards: playback %q, capture %q\n", play, capture)
	return d, true
}

// bar draws a level 0-1 as up to 40 marks.
func bar(l float64) string {
	n := min(40, int(l*4*40)) // speech sits around 0.05-0.25
	s := make([]byte, n)
	for i := range s {
		s[i] = '#'
	}
	return string(s)
}
