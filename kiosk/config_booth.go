package kiosk

import (
	"fmt"
	"time"
)

// BoothSection is the phone booth's audio and keypad: how it speaks and
// listens, and how long each spoken step waits.
type BoothSection struct {
	// AudioDevice names the sound card: "" for none (the booth works
	// silently and telemetry says so), "default" for the system's default,
	// "fake" for the file-backed fake device (demos and smoke tests),
	// otherwise a part of the device's name as `kiosk hwcheck` lists it.
	AudioDevice string `toml:"audio_device" json:"audio_device"`
	// Louder starts each visit at the louder volume; a key toggles it.
	Louder bool `toml:"louder" json:"louder"`
	// LouderGain multiplies the samples at the louder volume.
	LouderGain float64 `toml:"louder_gain" json:"louder_gain"`
	// PromptLevel is the RMS (0-1) every prompt, recorded or synthesised,
	// is normalised to.
	PromptLevel float64 `toml:"prompt_level" json:"prompt_level"`
	// KeyTimeout is how long a spoken question waits for a key before
	// 还在吗？; the same again without a key ends the visit.
	KeyTimeout Duration `toml:"key_timeout" json:"key_timeout"`
	// MaxMessage is the longest voice message; MinMessage is the shortest
	// kept (a hang-up sooner is discarded).
	MaxMessage Duration `toml:"max_message" json:"max_message"`
	MinMessage Duration `toml:"min_message" json:"min_message"`
	// SpeechLevel is the RMS (0-1) a 50 ms block must reach to count as
	// speech; a message without any is discarded as silence.
	SpeechLevel float64 `toml:"speech_level" json:"speech_level"`
	// Voice is espeak-ng's voice for synthesised prompts.
	Voice string `toml:"voice" json:"voice"`
	// VoicePack is the file of recorded prompts the station pushes (one
	// operations-signed envelope); a missing or bad pack falls back to
	// synthesis prompt by prompt.
	VoicePack string `toml:"voice_pack" json:"voice_pack"`
	// KeypadRows and KeypadCols are the 3×4 keypad matrix's GPIO pins: four
	// rows (1 2 3, 4 5 6, 7 8 9, * 0 #) driven, three columns read. Empty
	// for none: the rating buttons are keys 1-4.
	KeypadRows []string `toml:"keypad_rows" json:"keypad_rows"`
	KeypadCols []string `toml:"keypad_cols" json:"keypad_cols"`
}

func defaultBooth() BoothSection {
	return BoothSection{
		LouderGain: 2.5, PromptLevel: 0.08, KeyTimeout: Duration(12 * time.Second),
		MaxMessage: Duration(60 * time.Second), MinMessage: Duration(2 * time.Second),
		SpeechLevel: 0.03, Voice: "cmn", VoicePack: "/var/lib/opinionwall/voicepack.signed",
	}
}

func (b *BoothSection) validate(p *problems) {
	if b.LouderGain < 1 || b.LouderGain > 8 {
		p.add("booth.louder_gain", "must be between 1 and 8 (got %g)", b.LouderGain)
	}
	if b.PromptLevel <= 0 || b.PromptLevel > 0.5 {
		p.add("booth.prompt_level", "must be above 0 and at most 0.5 (got %g)", b.PromptLevel)
	}
	if b.SpeechLevel <= 0 || b.SpeechLevel >= 1 {
		p.add("booth.speech_level", "must be between 0 and 1 (got %g)", b.SpeechLevel)
	}
	p.durationIn("booth.key_timeout", b.KeyTimeout, 100*time.Millisecond, 2*time.Minute)
	p.durationIn("booth.max_message", b.MaxMessage, 5*time.Second, 10*time.Minute)
	p.durationIn("booth.min_message", b.MinMessage, 0, 30*time.Second)
	if b.MinMessage >= b.MaxMessage {
		p.add("booth.min_message", "must be shorter than booth.max_message")
	}
	if b.Voice == "" {
		p.add("booth.voice", "must name an espeak-ng voice such as \"cmn\"")
	}
	if (len(b.KeypadRows) != 0 || len(b.KeypadCols) != 0) && (len(b.KeypadRows) != 4 || len(b.KeypadCols) != 3) {
		p.add("booth.keypad_rows", "a keypad needs four row pins and three column pins, or none (got %d and %d)", len(b.KeypadRows), len(b.KeypadCols))
	}
	for i, pin := range append(append([]string(nil), b.KeypadRows...), b.KeypadCols...) {
		if !pinPattern.MatchString(pin) {
			p.add(fmt.Sprintf("booth.keypad pin %d", i), "must be a GPIO name such as \"GPIO5\" (got %q)", pin)
		}
	}
}
