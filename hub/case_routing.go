package hub

import (
	"time"

	"opinionwall/kiosk"
)

// Routing is what 三事分流 does with a case beyond its class: a 大事 goes
// to the government body responsible with a due date; a 小事 may be taken
// into a deliberation item; a 私事 reply points to referral services.
type Routing struct {
	GovBody    string    // 大事: the body responsible (街道城管科, 区住建局)
	Due        time.Time // 大事: when it should be settled; zero for none
	DelibItem  string    // the deliberation item's id it was taken into
	DelibTitle kiosk.Text
	Referrals  []kiosk.Referral // 私事: services the reply points to
}

// MaxGovBodyRunes is the longest name of a government body.
const MaxGovBodyRunes = 40

// Overdue reports whether a 大事 case is still open past its due date.
func (c *Case) Overdue(now time.Time) bool {
	return c.Matter == kiosk.MatterBig && !c.Due.IsZero() && c.Open() && now.After(c.Due)
}

// route records the body responsible for a 大事 and its due date.
func (c *Case) route(a Action, _ change) (string, error) {
	if !c.Open() {
		return "", refuse(a.Kind, "case.status", "the case is %s", c.Status)
	}
	if c.Matter != kiosk.MatterBig {
		return "", refuse(a.Kind, "route.big", "only a 大事 (big matter) goes to a government body (this is %q)", c.Matter)
	}
	body, err := workerText(FieldGovBody, a.Route.GovBody, MaxGovBodyRunes, true)
	if err != nil {
		return "", err
	}
	if a.Route.Due.IsZero() {
		return "", refuse(a.Kind, "route.due", "a due date is needed")
	}
	c.GovBody, c.Due = body, a.Route.Due
	return body + " " + a.Route.Due.Format("2006-01-02"), nil
}

// linkItem takes an opinion into a deliberation item.
func (c *Case) linkItem(a Action, _ change) (string, error) {
	if c.Kind != kiosk.KindOpinion {
		return "", refuse(a.Kind, "item.opinion", "only opinions go into a deliberation item")
	}
	if a.Route.DelibItem == "" || a.Route.DelibTitle.Zh == "" {
		return "", refuse(a.Kind, "item.none", "no item")
	}
	if c.DelibItem != "" && c.DelibItem != a.Route.DelibItem {
		return "", refuse(a.Kind, "item.already", "the opinion is already in item %s", c.DelibItem)
	}
	c.DelibItem, c.DelibTitle = a.Route.DelibItem, a.Route.DelibTitle
	return c.DelibItem, nil
}

// refer sets a reply's referrals: only a 私事 (private matter) reply
// points to them.
func (c *Case) refer(a Action) error {
	if len(a.Route.Referrals) > 0 && c.Matter != kiosk.MatterPrivate {
		return refuse(a.Kind, "referrals.private", "referrals go with a 私事 (private matter) reply")
	}
	c.Referrals = append([]kiosk.Referral(nil), a.Route.Referrals...)
	return nil
}

func sameReferrals(a, b []kiosk.Referral) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
