package hub

import (
	"bytes"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// The options of an item's vote.
const (
	OptAgree    = "agree"    // 同意
	OptDisagree = "disagree" // 不同意
	OptAbstain  = "abstain"  // 弃权
)

// ItemOptions are the choices residents have on a deliberation item.
func ItemOptions() []kiosk.PollOption {
	return []kiosk.PollOption{
		{ID: OptAgree, Text: kiosk.Text{Zh: "同意", En: "Agree"}},
		{ID: OptDisagree, Text: kiosk.Text{Zh: "不同意", En: "Disagree"}},
		{ID: OptAbstain, Text: kiosk.Text{Zh: "弃权", En: "Abstain"}},
	}
}

// VoteRule decides an item's vote: it carries when at least MinTurnout
// valid votes were cast and 同意 is more than MajorityPct per cent of them
// (50: a simple majority of valid votes, abstentions counted as valid).
type VoteRule struct {
	MinTurnout  int `json:"min_turnout"`
	MajorityPct int `json:"majority_pct"`
}

// Decide reports whether the result carries the item, and why.
func (r VoteRule) Decide(res ItemResult) (bool, string) {
	valid := res.Valid()
	if valid < r.MinTurnout {
		return false, fmt.Sprintf("turnout %d below %d", valid, r.MinTurnout)
	}
	if res.Agree*100 > r.MajorityPct*valid {
		return true, fmt.Sprintf("agree %d of %d valid, above %d%%", res.Agree, valid, r.MajorityPct)
	}
	return false, fmt.Sprintf("agree %d of %d valid, not above %d%%", res.Agree, valid, r.MajorityPct)
}

// DeliberationSettings are the station's settings for deliberation: the
// vote rule, the poll window, the 议事日 and the referral list for
// private matters. A lead edits them.
type DeliberationSettings struct {
	Rule VoteRule `json:"rule"`
	// VoteDays is how long an item's vote stays open.
	VoteDays  int                   `json:"vote_days"`
	Day       kiosk.DeliberationDay `json:"day"`
	Referrals []ReferralService     `json:"referrals"`
}

// ReferralService is one service a 私事 reply may point to.
type ReferralService struct {
	ID string `json:"id"`
	kiosk.Referral
}

// DefaultDeliberation is what a new station starts with.
func DefaultDeliberation() DeliberationSettings {
	return DeliberationSettings{
		Rule:     VoteRule{MinTurnout: 10, MajorityPct: 50},
		VoteDays: 14,
		Day:      kiosk.DeliberationDay{From: "09:00", To: "17:00"},
		Referrals: []ReferralService{
			{ID: "legal", Referral: kiosk.Referral{Name: kiosk.Text{Zh: "法律援助", En: "Legal aid"}, Contact: kiosk.Text{Zh: "社区服务中心 2楼 周三 14:00-17:00", En: "Community centre, 2nd floor, Wednesdays 14:00-17:00"}}},
			{ID: "mediation", Referral: kiosk.Referral{Name: kiosk.Text{Zh: "人民调解室", En: "Mediation room"}, Contact: kiosk.Text{Zh: "社区服务中心 1楼 工作日 9:00-17:00", En: "Community centre, ground floor, weekdays 9:00-17:00"}}},
			{ID: "counselling", Referral: kiosk.Referral{Name: kiosk.Text{Zh: "心理疏导", En: "Psychological counselling"}, Contact: kiosk.Text{Zh: "预约电话 12356", En: "Book on 12356"}}},
		},
	}
}

// Validate checks settings a lead typed.
func (s DeliberationSettings) Validate() error {
	if s.Rule.MinTurnout < 0 || s.Rule.MajorityPct < 0 || s.Rule.MajorityPct >= 100 {
		return refusal(kiosk.EINVALID, "delib.rule", "the vote rule needs a turnout of 0 or more and a majority of 0-99%%")
	}
	if s.VoteDays < 1 || s.VoteDays > 90 {
		return refusal(kiosk.EINVALID, "delib.days", "a vote lasts 1 to 90 days, not %d", s.VoteDays)
	}
	if d := s.Day; d.Date != "" {
		from, err1 := time.Parse("2006-01-02 15:04", d.Date+" "+d.From)
		to, err2 := time.Parse("2006-01-02 15:04", d.Date+" "+d.To)
		if err1 != nil || err2 != nil {
			return refusal(kiosk.EINVALID, "delib.day", "the deliberation day is a date 2026-12-05 with hours 09:00 to 17:00")
		}
		if !to.After(from) {
			return refusal(kiosk.EINVALID, "delib.dayorder", "the deliberation day ends after it starts")
		}
	}
	seen := map[string]bool{}
	for _, r := range s.Referrals {
		if !kiosk.ValidKioskID(r.ID) || seen[r.ID] || r.Name.Zh == "" {
			return refusal(kiosk.EINVALID, "delib.referral", "referral %q: a unique id of a-z, 0-9 and - and a Chinese name are needed", r.ID)
		}
		seen[r.ID] = true
	}
	return nil
}

// Referral returns the referral service with the given id.
func (s DeliberationSettings) Referral(id string) (kiosk.Referral, bool) {
	for _, r := range s.Referrals {
		if r.ID == id {
			return r.Referral, true
		}
	}
	return kiosk.Referral{}, false
}

// PhotoExt returns the file extension of a photo a worker attached,
// ".jpg" or ".png", or refuses anything else.
func PhotoExt(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return ".jpg", nil
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return ".png", nil
	}
	return "", refusal(kiosk.EINVALID, "photo.type", "the photo is not a JPEG or PNG picture")
}

// ItemPoll makes the poll residents vote an item in: 同意/不同意/弃权,
// open from now for the settings' days.
func ItemPoll(it *Item, s DeliberationSettings, by string, now time.Time) Poll {
	title := it.Title
	return Poll{ID: it.ID, Title: title, Options: ItemOptions(), Opens: now, Closes: now.AddDate(0, 0, s.VoteDays),
		State: PollOpen, CreatedBy: by, CreatedAt: now}
}

// BuildProjects makes the wall's 我们一起办 from the items: those voted
// on, newest decision first.
func BuildProjects(items []Item) []kiosk.Project {
	var out []kiosk.Project
	for i := range items {
		it := &items[i]
		if !it.Stage.Decided() {
			continue
		}
		p := kiosk.Project{N: it.N, Title: it.Title, Stage: string(it.Stage), Agree: it.Result.Agree,
			Disagree: it.Result.Disagree, Abstain: it.Result.Abstain, DecidedAt: it.DecidedAt}
		for _, g := range it.Progress {
			p.Progress = append(p.Progress, kiosk.Progress{At: g.At, Note: Redact(g.Note), NoteEn: Redact(g.NoteEn), Budget: g.Budget})
		}
		out = append(out, p)
	}
	for i := 1; i < len(out); i++ { // newest decision first (insertion sort: a short list)
		for j := i; j > 0 && out[j].DecidedAt.After(out[j-1].DecidedAt); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
