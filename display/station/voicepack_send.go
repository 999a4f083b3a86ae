package station

import (
	"slices"
	"strings"
	"time"

	"opinionwall/hub"
)

// Signing and sending the voice pack, and what the booths say of it.

// signAndSend signs the kept recordings with the operations key and
// sends the pack through the station to the booth chosen, or to all.
func (s *App) signAndSend() {
	v := &s.vp
	// The version is when it is signed, in seconds, and each pack must be
	// newer than the last: a lead who tries one booth and then sends to
	// all within the second gets the next second.
	version := max(s.d.Now().Unix(), v.sent.Version+1)
	signed, err := s.d.VoicePack.Sign(strings.TrimSpace(v.key.Text), version, s.me.Name)
	if err != nil {
		v.booths.SetText(s.tf("vp.signfail", err.Error()))
		return
	}
	var kiosks []string
	if to := v.to.Selected; to != "" && to != s.t("vp.to.all") {
		kiosks = []string{to}
	}
	sent, err := s.d.Desk.SendVoicePack(s.ctx, s.me, signed, kiosks)
	if s.fail(s.t("what.sendpack"), err) {
		v.booths.SetText(s.status.Text)
		return
	}
	v.sent = sent
	s.showBooths()
}

// showBooths lists each booth with its answer to the pack sent, or the
// pack it reports using, and offers them as where to send.
func (s *App) showBooths() {
	v := &s.vp
	ks, err := s.d.Desk.Fleet(s.ctx, s.me)
	if err != nil {
		return
	}
	answers := map[string]hub.VoicePackAnswer{}
	if as, err := s.d.Desk.VoicePackAnswers(s.ctx, s.me); err == nil {
		for _, a := range as {
			answers[a.Kiosk] = a
		}
	}
	var lines []string
	if v.sent.Version > 0 {
		to := s.t("vp.to.all")
		if len(v.sent.Kiosks) > 0 {
			to = strings.Join(v.sent.Kiosks, ", ")
		}
		lines = append(lines, s.tf("vp.sent", s.packVersion(v.sent.Version), len(v.kept), to))
	}
	booths := []string{s.t("vp.to.all")}
	for _, k := range ks {
		t := k.Telemetry
		if t.Audio == "" && t.VoicePack == "" && t.VoicePackVersion == 0 {
			continue // not a booth
		}
		booths = append(booths, k.ID)
		lines = append(lines, s.boothLine(k.ID, t.VoicePackVersion, answers[k.ID]))
	}
	if len(lines) == 0 {
		lines = []string{s.t("vp.booth.none")}
	}
	v.booths.SetText(strings.Join(lines, "\n"))
	v.to.Options = booths
	if v.to.Selected == "" {
		v.to.Selected = booths[0]
	}
	v.to.Refresh()
}

// boothLine is one booth's state: its answer to the pack sent to it, or
// the pack it reports using (its telemetry).
func (s *App) boothLine(id string, using int64, a hub.VoicePackAnswer) string {
	v := &s.vp
	sentHere := v.sent.Version > 0 && (len(v.sent.Kiosks) == 0 || slices.Contains(v.sent.Kiosks, id))
	switch {
	case sentHere && a.Version == v.sent.Version && a.Status == "rejected":
		return s.tf("vp.booth.refused", id, s.refusedWhy(a.Detail))
	case sentHere && (using >= v.sent.Version || a.Version == v.sent.Version && a.Status == "succeeded"):
		return s.tf("vp.booth.has", id, s.packVersion(v.sent.Version))
	case sentHere && using > 0:
		return s.tf("vp.booth.wait", id, s.packVersion(using))
	case sentHere:
		return s.tf("vp.booth.waitnone", id)
	case using > 0:
		return s.tf("vp.booth.runs", id, s.packVersion(using))
	}
	return s.tf("vp.booth.synth", id)
}

// packVersion names a pack's version: the review app's are the time the
// lead signed them (Unix seconds), shown as such; kioskctl's may be small
// numbers.
func (s *App) packVersion(v int64) string {
	if v < 1_000_000_000 {
		return s.tf("vp.version", v)
	}
	return fmtTime(time.Unix(v, 0))
}

// refusedWhy words the usual reasons a booth refuses a pack; any other is
// shown as the booth said it.
func (s *App) refusedWhy(detail string) string {
	switch {
	case strings.Contains(detail, "unknown key"), strings.Contains(detail, "only ops keys may sign"):
		return s.t("vp.why.key")
	case strings.Contains(detail, "not newer"):
		return s.t("vp.why.older")
	}
	return detail
}
