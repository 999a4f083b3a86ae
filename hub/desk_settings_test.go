package hub_test

import (
	"context"
	"fmt"
	"testing"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// fakeSettings keeps the targets and the deliberation settings in memory,
// with the audit records their changes wrote.
type fakeSettings struct {
	hub.DeliberationStore // the items' methods: unused here
	targets               hub.Targets
	templates             []string
	delib                 hub.DeliberationSettings
	audits                []hub.Audit
}

func (f *fakeSettings) Targets(context.Context) (hub.Targets, error) { return f.targets, nil }

func (f *fakeSettings) SetTargets(_ context.Context, t hub.Targets, a hub.Audit) error {
	if f.targets == nil {
		f.targets = hub.Targets{}
	}
	for m, x := range t {
		f.targets[m] = x
	}
	f.audits = append(f.audits, a)
	return nil
}

func (f *fakeSettings) ReplyTemplates(context.Context) ([]string, error) { return f.templates, nil }

func (f *fakeSettings) SetReplyTemplates(_ context.Context, texts []string, a hub.Audit) error {
	f.templates = texts
	f.audits = append(f.audits, a)
	return nil
}

func (f *fakeSettings) DeliberationSettings(context.Context) (hub.DeliberationSettings, error) {
	return f.delib, nil
}

func (f *fakeSettings) PutDeliberationSettings(_ context.Context, s hub.DeliberationSettings, a hub.Audit) error {
	f.delib = s
	f.audits = append(f.audits, a)
	return nil
}

func settingsDesk(t *testing.T) (*hub.Desk, *fakeSettings) {
	d, _ := newDesk(t, kiosk.StatusReceived)
	f := &fakeSettings{delib: hub.DefaultDeliberation()}
	d.Settings, d.Delib = f, f
	return d, f
}

// renamed is the default referral list with 法律援助 renamed, 心理疏导
// removed and a new service added.
func renamed() []hub.ReferralService {
	rs := hub.DefaultDeliberation().Referrals[:2]
	rs[0].Name = kiosk.Text{Zh: "法律咨询", En: "Legal advice"}
	return append(rs, hub.ReferralService{ID: "elderly", Referral: kiosk.Referral{Name: kiosk.Text{Zh: "养老服务站", En: "Care for the elderly"}}})
}

// settingsActions are the settings a lead changes on screen.
var settingsActions = []struct {
	name string
	do   func(context.Context, *hub.Desk, hub.Worker) error
}{
	{"set targets", func(ctx context.Context, d *hub.Desk, w hub.Worker) error {
		return d.SetTargets(ctx, w, hub.Targets{kiosk.MatterBig: {FirstReply: 2 * hub.Day, Close: 10 * hub.Day}})
	}},
	{"edit referrals", func(ctx context.Context, d *hub.Desk, w hub.Worker) error { return d.SetReferrals(ctx, w, renamed()) }},
}

// TestDeskSettingsByRole: only the lead changes the targets and the
// referral list, with an audit record; the others are refused as
// EFORBIDDEN and nothing changes.
func TestDeskSettingsByRole(t *testing.T) {
	for _, w := range roles {
		for _, sa := range settingsActions {
			may := w.Role == hub.RoleLead
			t.Run(fmt.Sprintf("%s %s %s", w.Role, verb(may), sa.name), func(t *testing.T) {
				d, f := settingsDesk(t)
				before := fmt.Sprintf("%+v %+v", f.targets, f.delib)
				err := sa.do(context.Background(), d, w)
				after := fmt.Sprintf("%+v %+v", f.targets, f.delib)
				if !may {
					if code := kiosk.ErrorCode(err); code != kiosk.EFORBIDDEN {
						t.Fatalf("refusal code %q (%v), want %q", code, err, kiosk.EFORBIDDEN)
					}
					if after != before || len(f.audits) != 0 {
						t.Fatalf("a refused change changed the settings: %s, audits %+v", after, f.audits)
					}
					return
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if after == before || len(f.audits) != 1 || f.audits[0].Worker != w.ID {
					t.Fatalf("settings %s, audits %+v", after, f.audits)
				}
			})
		}
	}
}

// TestDeskReferralsEdit: add, rename and remove land in the settings, the
// rest of the settings stays, and the list is audited with its ids.
func TestDeskReferralsEdit(t *testing.T) {
	d, f := settingsDesk(t)
	f.delib.VoteDays = 21
	if err := d.SetReferrals(context.Background(), lead, renamed()); err != nil {
		t.Fatal(err)
	}
	got := f.delib.Referrals
	if len(got) != 3 || got[0].ID != "legal" || got[0].Name.En != "Legal advice" || got[1].ID != "mediation" || got[2].ID != "elderly" {
		t.Fatalf("referrals %+v", got)
	}
	if got[0].Contact.Zh == "" {
		t.Errorf("the renamed service lost its contact: %+v", got[0])
	}
	if f.delib.VoteDays != 21 {
		t.Errorf("the vote days changed to %d", f.delib.VoteDays)
	}
	if a := f.audits[0]; a.Action != "set_referrals" || a.Detail != "3: legal, mediation, elderly" {
		t.Errorf("audit %+v", a)
	}
}

// TestDeskSettingsRefuseBadInput: bad targets and referral lists are
// refused with a reason the station words, and nothing is stored.
func TestDeskSettingsRefuseBadInput(t *testing.T) {
	bad := []struct {
		name, reason string
		do           func(context.Context, *hub.Desk) error
	}{
		{"zero days", "targets.zero", func(ctx context.Context, d *hub.Desk) error {
			return d.SetTargets(ctx, lead, hub.Targets{kiosk.MatterSmall: {FirstReply: 0, Close: 7 * hub.Day}})
		}},
		{"half a day", "targets.days", func(ctx context.Context, d *hub.Desk) error {
			return d.SetTargets(ctx, lead, hub.Targets{kiosk.MatterSmall: {FirstReply: hub.Day / 2, Close: 7 * hub.Day}})
		}},
		{"reply after closing", "targets.order", func(ctx context.Context, d *hub.Desk) error {
			return d.SetTargets(ctx, lead, hub.Targets{kiosk.MatterSmall: {FirstReply: 9 * hub.Day, Close: 7 * hub.Day}})
		}},
		{"no Chinese name", "referral.noname", func(ctx context.Context, d *hub.Desk) error {
			return d.SetReferrals(ctx, lead, []hub.ReferralService{{ID: "x", Referral: kiosk.Referral{Name: kiosk.Text{En: "X"}}}})
		}},
		{"twice the same id", "delib.referral", func(ctx context.Context, d *hub.Desk) error {
			r := hub.ReferralService{ID: "x", Referral: kiosk.Referral{Name: kiosk.Text{Zh: "甲"}}}
			return d.SetReferrals(ctx, lead, []hub.ReferralService{r, r})
		}},
		{"a bad id", "delib.referral", func(ctx context.Context, d *hub.Desk) error {
			return d.SetReferrals(ctx, lead, []hub.ReferralService{{ID: "法律", Referral: kiosk.Referral{Name: kiosk.Text{Zh: "甲"}}}})
		}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			d, f := settingsDesk(t)
			err := b.do(context.Background(), d)
			r, ok := hub.ReasonOf(err)
			if kiosk.ErrorCode(err) != kiosk.EINVALID || !ok || r.Key != b.reason {
				t.Fatalf("err %v (reason %+v), want EINVALID %s", err, r, b.reason)
			}
			if len(f.audits) != 0 || len(f.delib.Referrals) != 3 || f.targets != nil {
				t.Fatalf("bad input stored: %+v %+v", f.targets, f.delib.Referrals)
			}
		})
	}
}
