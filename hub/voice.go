package hub

import (
	"context"
	"time"

	"opinionwall/kiosk"
)

// Voice messages at the station. The audio arrives in chunks after its
// submission; the store keeps the chunks until the recording is whole and
// matches the submission's SHA-256, and only then makes the case. A worker
// listens and types a summary (the case's text: the list, search and the
// ledger show it) and a transcript (searched too). The audio never leaves
// the station: the wall carries text only, and a voice case goes on the
// wall only with a summary, its question moderated like any other. The
// audio is purged after the retention, and the purge is audited.

// VoiceStore is what the station needs of the store for voice messages.
type VoiceStore interface {
	// PutVoiceChunk keeps chunk i of the audio of the voice submission id
	// from kiosk k. When it completes the recording and the whole matches,
	// the case is made in the same transaction. ENOTFOUND: the submission
	// is not (yet) stored; EINVALID: not this kiosk's voice submission, or
	// a chunk out of place.
	PutVoiceChunk(ctx context.Context, k, id string, i int, data []byte) (VoiceProgress, error)
	// VoiceAudio is the audio of a voice case while it is kept; ENOTFOUND
	// once purged.
	VoiceAudio(ctx context.Context, id string) ([]byte, error)
	// PurgeVoice drops the audio of recordings completed before cutoff,
	// with an audit record each (worker "system").
	PurgeVoice(ctx context.Context, cutoff time.Time) (int, error)
}

// VoiceProgress is what the hub holds of a recording: the chunks in a row
// from the first, and whether it is whole and checked. Restarted says the
// chunks did not make the recording the submission describes and were
// thrown away.
type VoiceProgress struct {
	Have      int
	Done      bool
	Restarted bool
}

// Voice retention and reporting.
const (
	// DefaultVoiceRetention is how long the station keeps a recording.
	DefaultVoiceRetention = 90 * 24 * time.Hour
	// VoiceStalledAfter: a recording whose chunks stopped coming this long
	// ago is reported in the fleet view (voice_stalled).
	VoiceStalledAfter = 24 * time.Hour
	// MaxSummaryRunes and MaxTranscriptRunes bound what a worker types.
	MaxSummaryRunes    = 300
	MaxTranscriptRunes = 4000
)

// Fields of a voice case.
const (
	FieldSummary    Field = "summary"
	FieldTranscript Field = "transcript"
)

// ActTranscribe sets a voice case's summary and transcript.
const ActTranscribe ActionKind = "transcribe"

// transcribe is the step of ActTranscribe: only for voice cases; the
// summary becomes the case's text.
func (c *Case) transcribe(a Action, _ change) (string, error) {
	if c.Kind != kiosk.KindVoice {
		return "", refuse(a.Kind, "voice.only", "only a voice message has a transcript")
	}
	summary, err := workerText(FieldSummary, a.Summary, MaxSummaryRunes, true)
	if err != nil {
		return "", err
	}
	transcript, err := workerText(FieldTranscript, a.Transcript, MaxTranscriptRunes, false)
	if err != nil {
		return "", err
	}
	c.Text, c.Transcript = summary, transcript
	return summary, nil
}

// VoiceDuration is a voice case's length; 0 for other cases.
func (c *Case) VoiceDuration() time.Duration { return time.Duration(c.VoiceMS) * time.Millisecond }
