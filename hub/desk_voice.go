package hub

import (
	"context"

	"opinionwall/kiosk"
)

// VoiceAudio returns the recording of a voice case for the worker to
// play. A voice is personal data, like contact details: only the roles
// that see those may listen (a volunteer reads the summary). ENOTFOUND
// once the audio was purged after the retention.
func (d *Desk) VoiceAudio(ctx context.Context, w Worker, id string) ([]byte, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	if !w.Role.SeesContact() {
		return nil, refusal(kiosk.EFORBIDDEN, "voice.listen", "a %s may not listen to residents' voices", w.Role)
	}
	if d.Voice == nil {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no recordings at this station")
	}
	return d.Voice.VoiceAudio(ctx, id)
}
