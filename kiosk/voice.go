package kiosk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Voice messages: a resident speaks at a booth, the recording is coded as
// Ogg Opus and stored with its submission (kind voice) in one transaction;
// the relay sends the submission like any other and the audio after it, in
// chunks the hub acknowledges one by one.

// AudioFormat is the only format of voice messages: Opus in Ogg, 16 kHz mono.
const AudioFormat = "ogg-opus"

// MaxAudioBytes bounds one recording: a minute is about 120 KB at 16 kbit/s,
// and a booth allows up to 3 minutes.
const MaxAudioBytes = 512 << 10

// MaxVoiceDuration is the longest voice message a kiosk takes.
const MaxVoiceDuration = 3 * time.Minute

// ChunkBytes is the most audio one relay message carries (32 KiB).
const ChunkBytes = 32 << 10

// Audio describes a submission's recording: what the hub checks the
// reassembled chunks against.
type Audio struct {
	Format     string `json:"format"`
	Bytes      int    `json:"bytes"`
	SHA256     string `json:"sha256"` // hex
	DurationMS int64  `json:"duration_ms"`
}

// Chunks is how many chunks of at most ChunkBytes the audio travels in.
func (a *Audio) Chunks() int { return (a.Bytes + ChunkBytes - 1) / ChunkBytes }

// Duration is the recording's length.
func (a *Audio) Duration() time.Duration { return time.Duration(a.DurationMS) * time.Millisecond }

// Validate checks the description: the one format, a size within bounds,
// a SHA-256 in hex, a length within bounds.
func (a *Audio) Validate() error {
	if a.Format != AudioFormat {
		return Errorf(EINVALID, "audio format %q: only %s", a.Format, AudioFormat)
	}
	if a.Bytes < 1 || a.Bytes > MaxAudioBytes {
		return Errorf(EINVALID, "audio of %d bytes: 1 to %d", a.Bytes, MaxAudioBytes)
	}
	if b, err := hex.DecodeString(a.SHA256); err != nil || len(b) != sha256.Size || hex.EncodeToString(b) != a.SHA256 {
		return Errorf(EINVALID, "audio sha256 %q is not 64 lower-case hex digits", a.SHA256)
	}
	if a.DurationMS < 1 || a.DurationMS > MaxVoiceDuration.Milliseconds() {
		return Errorf(EINVALID, "audio of %d ms: 1 ms to %v", a.DurationMS, MaxVoiceDuration)
	}
	return nil
}

// DescribeAudio returns the description of an Ogg Opus file of the given length.
func DescribeAudio(file []byte, d time.Duration) Audio {
	sum := sha256.Sum256(file)
	return Audio{Format: AudioFormat, Bytes: len(file), SHA256: hex.EncodeToString(sum[:]), DurationMS: d.Milliseconds()}
}

// VoiceEncoder codes mono PCM into an Ogg Opus file (voice/opus).
type VoiceEncoder interface {
	Encode(pcm []int16, sampleRate int) ([]byte, time.Duration, error)
}

// VoiceStore keeps a voice submission and its audio in one transaction,
// assigning Seq and Ticket like Submit. It refuses with EFULL when the
// audio store's quota would be passed, and with EUNAVAILABLE when it cannot
// write.
type VoiceStore interface {
	SubmitVoice(ctx context.Context, s *Submission, audio []byte) error
}

// Voice turns a booth's recording into a stored voice message. Set the
// fields; SaveVoice is safe for concurrent use once they are set.
type Voice struct {
	Kiosk   string
	Encoder VoiceEncoder
	Store   VoiceStore
	// Stored is called after a message is stored (the relay's Notify); may be nil.
	Stored func()
	// ClockSynced reports whether the system clock is synchronised; nil: yes.
	ClockSynced func() bool
	Now         func() time.Time
	// Lang is the language the booth spoke in; "" is zh.
	Lang string

	ids UUIDGen
}

// SaveVoice codes pcm (mono, 16-bit, at sampleRate) and stores it as a
// voice submission from the handset, returning its ticket code once the
// commit is on disk. Empty or over-long recordings are refused (EINVALID),
// a full audio store says EFULL, a store that cannot write EUNAVAILABLE.
func (v *Voice) SaveVoice(ctx context.Context, pcm []int16, sampleRate int) (string, error) {
	if len(pcm) == 0 || sampleRate <= 0 {
		return "", Errorf(EINVALID, "no recording")
	}
	if d := time.Duration(len(pcm)) * time.Second / time.Duration(sampleRate); d > MaxVoiceDuration {
		return "", Errorf(EINVALID, "a recording of %v: at most %v", d.Round(time.Second), MaxVoiceDuration)
	}
	file, d, err := v.Encoder.Encode(pcm, sampleRate)
	if err != nil {
		return "", WrapError(EINVALID, err, "code the recording")
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	t := now()
	audio := DescribeAudio(file, d)
	s := &Submission{ID: v.ids.New(t), Kiosk: v.Kiosk, Kind: KindVoice, CreatedAt: t,
		ClockSynced: v.ClockSynced == nil || v.ClockSynced(),
		Body:        Body{Lang: v.Lang, Channel: ChannelHandset, Voice: &audio}}
	if s.Body.Lang == "" {
		s.Body.Lang = "zh"
	}
	if !s.ClockSynced {
		s.Body.Flags = append(s.Body.Flags, FlagClockUnsynced)
	}
	if err := s.Validate(0); err != nil {
		return "", err
	}
	if err := v.Store.SubmitVoice(ctx, s, file); err != nil {
		return "", err
	}
	if v.Stored != nil {
		v.Stored()
	}
	return s.Ticket, nil
}

// VoiceOutbox is what the relay needs of the store to send recordings:
// those whose submission the hub acknowledged and that it does not hold
// whole yet, where to resume each, and recording the hub's acks.
type VoiceOutbox interface {
	PendingAudio(ctx context.Context, limit int) ([]PendingAudio, error)
	AudioProgress(ctx context.Context, id string, acked int) error
	AudioDelivered(ctx context.Context, id string) error
}

// PendingAudio is a recording to send: its submission, its description,
// the chunks the hub said it holds, and the file.
type PendingAudio struct {
	ID    string
	Seq   int64
	Audio Audio
	Acked int
	Data  []byte
}
