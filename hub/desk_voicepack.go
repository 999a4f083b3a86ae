package hub

import (
	"context"
	"fmt"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// A voice pack is the booths' fixed prompts recorded in a station
// worker's own voice (kiosk/voicepack), signed with the operations key on
// the station's USB stick. The hub only carries it: the booths check the
// operations signature themselves, so no hub key can make a pack a booth
// plays.

// ActVoicePack is the audit action of a voice pack sent to the booths.
const ActVoicePack ActionKind = "voice_pack"

// VoicePackAuditID is the case of the voice packs' audit records.
const VoicePackAuditID = "voicepack"

// MaxVoicePackBytes bounds a signed pack (kiosk/voicepack.MaxBytes).
const MaxVoicePackBytes = 4 << 20

// PackVersion is a voice pack's version in a refusal's values, so that a
// screen can word it: the review app's packs are numbered by the second
// they were signed (Unix time), kioskctl's may be small numbers.
type PackVersion int64

// VoicePackSent is what became of a pack the hub published.
type VoicePackSent struct {
	Version int64
	By      string    // who recorded it, as the pack says
	Key     string    // the operations key that signed it
	Kiosks  []string  // the booths it was published to; none: every booth
	At      time.Time // when
}

// VoicePackPusher carries signed packs to the booths
// (mqtt/hubside.VoicePacks).
type VoicePackPusher interface {
	// OpenVoicePack checks that a pack is signed by an operations key the
	// station trusts (ops.pub) and reads its version and recorder.
	OpenVoicePack(signed []byte) (VoicePackSent, error)
	// LastVoicePack is the version of the newest pack sent; 0 for none.
	LastVoicePack(ctx context.Context) (int64, error)
	// PushVoicePack keeps the pack, publishes it retained on the booths'
	// topics (every booth's with no kiosks) and writes the audit record
	// a. A pack not newer than the last is refused with ECONFLICT.
	PushVoicePack(ctx context.Context, signed []byte, kiosks []string, a Audit) (VoicePackSent, error)
	// VoicePackAnswers is each booth's latest answer to a pack, by kiosk.
	VoicePackAnswers(ctx context.Context) ([]VoicePackAnswer, error)
}

// VoicePackAnswer is what a booth answered a pack it was sent: succeeded,
// or rejected with why (a key it does not trust, not newer, damaged).
type VoicePackAnswer struct {
	Kiosk   string
	Version int64
	Status  string
	Detail  string
	At      time.Time
}

// MaySendVoicePack refuses (EFORBIDDEN) all but leads: a voice pack is
// what every caller of every booth hears, so only a lead records and
// sends one (the review app's 语音包 screen shows itself only to them).
func (w Worker) MaySendVoicePack() error {
	if err := w.signedIn(); err != nil {
		return err
	}
	if w.Role != RoleLead {
		return refusal(kiosk.EFORBIDDEN, "voicepack.send", "a %s may not record or send the booths' voice pack", w.Role)
	}
	return nil
}

// SendVoicePack publishes a signed voice pack to the named booths, or
// with none named to every booth, for a lead. The pack must be signed
// with an operations key the station trusts and be newer than the last
// one sent; the booths answer in their telemetry (voice_pack_version,
// Fleet).
func (d *Desk) SendVoicePack(ctx context.Context, w Worker, signed []byte, kiosks []string) (VoicePackSent, error) {
	if err := w.MaySendVoicePack(); err != nil {
		return VoicePackSent{}, err
	}
	if len(signed) == 0 || len(signed) > MaxVoicePackBytes {
		return VoicePackSent{}, kiosk.Errorf(kiosk.EINVALID, "voice pack: %d bytes; a signed pack of 1 to %d bytes is needed", len(signed), MaxVoicePackBytes)
	}
	for _, k := range kiosks {
		if !kiosk.ValidKioskID(k) {
			return VoicePackSent{}, kiosk.Errorf(kiosk.EINVALID, "voice pack: %q is not a kiosk id", k)
		}
	}
	if d.VoicePacks == nil {
		return VoicePackSent{}, refusal(kiosk.EUNAVAILABLE, "voicepack.off", "this station sends no voice packs: the service has no operations public key (hub run -ops-pub)")
	}
	claimed, err := d.VoicePacks.OpenVoicePack(signed)
	if err != nil {
		return VoicePackSent{}, refusal(kiosk.EINVALID, "voicepack.unsigned", "voice pack: %s", err.Error())
	}
	last, err := d.VoicePacks.LastVoicePack(ctx)
	if err != nil {
		return VoicePackSent{}, err
	}
	if claimed.Version <= last {
		return VoicePackSent{}, refusal(kiosk.ECONFLICT, "voicepack.older", "voice pack: version %d is not newer than version %d, sent before", PackVersion(claimed.Version), PackVersion(last))
	}
	to := "every booth"
	if len(kiosks) > 0 {
		to = strings.Join(kiosks, ", ")
	}
	a := Audit{Case: VoicePackAuditID, Worker: w.ID, At: d.Now(), Action: ActVoicePack,
		Detail: fmt.Sprintf("v%d recorded by %s, signed by %s, to %s", claimed.Version, claimed.By, claimed.Key, to)}
	return d.VoicePacks.PushVoicePack(ctx, signed, kiosks, a)
}

// VoicePackAnswers returns the booths' answers to the packs sent, for a
// lead; none when this station sends no packs.
func (d *Desk) VoicePackAnswers(ctx context.Context, w Worker) ([]VoicePackAnswer, error) {
	if err := w.MaySendVoicePack(); err != nil {
		return nil, err
	}
	if d.VoicePacks == nil {
		return nil, nil
	}
	return d.VoicePacks.VoicePackAnswers(ctx)
}
