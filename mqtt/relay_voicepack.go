package mqtt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"opinionwall/kiosk"
)

// handleVoicePack hands a pushed voice pack to the installer and answers
// on res with cid "voicepack-vVERSION": succeeded, or rejected with the
// reason. A retained pack not newer than the installed one (the pack seen
// again at each connection) is passed over in silence; one pushed live is
// answered rejected, unless it is the very pack installed (a hub publishes
// its packs again after it reconnects): that is answered succeeded.
func (r *Relay) handleVoicePack(ctx context.Context, payload []byte, retained bool) error {
	if len(payload) == 0 {
		return nil // the retained pack was cleared
	}
	v, err := r.VoicePack.InstallVoicePack(ctx, payload)
	if errors.Is(err, kiosk.ErrPackInstalled) {
		if retained {
			return nil
		}
		err = nil // pushed again live (a hub that reconnected): the booth has it
	}
	if retained && kiosk.ErrorCode(err) == kiosk.ECONFLICT {
		return nil
	}
	if v == 0 {
		v = claimedVersion(payload)
	}
	res := ResultMsg{V: Version, CID: VoicePackCID(v), Status: ResultSucceeded}
	if err != nil {
		res.Status, res.Detail = ResultRejected, err.Error()
		r.refused(ctx, TopicVoicePack, err)
	}
	b, _ := json.Marshal(res)
	r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, b)
	return nil
}

// VoicePackCID is the cid a booth answers a pushed pack of version v with.
func VoicePackCID(v int64) string { return fmt.Sprintf("voicepack-v%d", v) }

// claimedVersion reads, unverified, the version a pack claims, so that a
// refusal can be matched by whoever pushed it; 0 when it has none.
func claimedVersion(b []byte) int64 {
	var e Envelope
	var m struct {
		Version int64 `json:"version"`
	}
	if json.Unmarshal(b, &e) != nil || json.Unmarshal(e.Payload, &m) != nil {
		return 0
	}
	return m.Version
}
