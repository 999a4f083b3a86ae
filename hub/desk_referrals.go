package hub

import (
	"context"
	"fmt"
	"strings"

	"opinionwall/kiosk"
)

// Limits of the referral list a lead edits.
const (
	MaxReferrals       = 30
	MaxReferralNameLen = 60
)

// SetReferrals replaces the referral services a 私事 reply may point to
// (a lead's): each keeps its id; a new one needs an id of a-z, 0-9 and -
// and a Chinese name. The deliberation settings' other fields stay.
func (d *Desk) SetReferrals(ctx context.Context, w Worker, rs []ReferralService) error {
	if err := w.mayRunPolls("edit the referral services"); err != nil {
		return err
	}
	if len(rs) > MaxReferrals {
		return refusal(kiosk.EINVALID, "referrals.many", "at most %d referral services, not %d", MaxReferrals, len(rs))
	}
	clean := make([]ReferralService, len(rs))
	ids := make([]string, len(rs))
	for i, r := range rs {
		r.ID = strings.TrimSpace(r.ID)
		r.Name.Zh, r.Name.En = strings.TrimSpace(r.Name.Zh), strings.TrimSpace(r.Name.En)
		if r.Name.Zh == "" {
			return refusal(kiosk.EINVALID, "referral.noname", "referral service %d: a Chinese name is needed", i+1)
		}
		if len([]rune(r.Name.Zh)) > MaxReferralNameLen || len([]rune(r.Name.En)) > MaxReferralNameLen {
			return refusal(kiosk.EINVALID, "referral.long", "referral service %d: a name of at most %d characters", i+1, MaxReferralNameLen)
		}
		clean[i], ids[i] = r, r.ID
	}
	st, err := d.delib()
	if err != nil {
		return err
	}
	set, err := st.DeliberationSettings(ctx)
	if err != nil {
		return err
	}
	set.Referrals = clean
	if err := set.Validate(); err != nil {
		return err
	}
	rec := Audit{Case: "settings:referrals", Worker: w.ID, At: d.Now(), Action: "set_referrals",
		Detail: fmt.Sprintf("%d: %s", len(ids), strings.Join(ids, ", "))}
	return st.PutDeliberationSettings(ctx, set, rec)
}
