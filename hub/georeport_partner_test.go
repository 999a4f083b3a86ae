package hub

import (
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestAPIKey(t *testing.T) {
	k, s, err := NewAPIKey("hotline", "12345热线", 98, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	id, secret, ok := SplitAPIKey(s)
	if !ok || id != "hotline" || k.PerMinute != DefaultPerMinute || strings.Contains(k.Hash, secret) {
		t.Fatalf("key %+v %q", k, s)
	}
	if !k.Check(secret, t0) || k.Check(secret+"x", t0) || k.Check("", t0) {
		t.Error("the secret checks wrongly")
	}
	k.RevokedAt = t0.Add(time.Hour)
	if !k.Check(secret, t0) || k.Check(secret, k.RevokedAt) {
		t.Error("revocation is not applied from its time")
	}
	if _, c := (APIKey{Number: 98, ID: "hotline"}).TicketCode(1), k.TicketCode(1); !strings.HasPrefix(c, "98") {
		t.Errorf("ticket %s", c)
	}
	for _, bad := range []struct {
		id     string
		number int
	}{{"Hotline", 98}, {"a-very-long-key-id-beyond-limit", 98}, {"hotline", 9}, {"hotline", 100}} {
		if _, _, err := NewAPIKey(bad.id, "x", bad.number, 10, t0); kiosk.ErrorCode(err) != kiosk.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func TestPartnerSubmission(t *testing.T) {
	k, _, _ := NewAPIKey("hotline", "12345热线", 98, 0, t0)
	cfg := kiosk.Defaults()
	p := PartnerRequest{ServiceCode: "infrastructure", Description: "路灯坏了 邻居电话13912345678", Address: "15栋"}
	r, err := PartnerSubmission(p, k, cfg, "id", t0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Body.Contact != nil || strings.Contains(r.Body.Text, "13912345678") || r.Kiosk != "partner-hotline" || r.Body.Channel != ChannelPartner ||
		r.Body.Location.Building != "15栋" {
		t.Errorf("without a phone: %+v", r)
	}
	p.Phone, p.LastName, p.FirstName = "13700001111", "李", "四"
	r, err = PartnerSubmission(p, k, cfg, "id", t0)
	if err != nil || r.Body.Contact == nil || r.Body.Contact.Name != "李四" || !r.Body.Contact.Consent || !strings.Contains(r.Body.Text, "13912345678") {
		t.Errorf("with the resident's phone: %+v %v", r.Body, err)
	}
	p.Address, p.LastName = "15\u202e栋", "李\x1b[31m"
	r, err = PartnerSubmission(p, k, cfg, "id", t0)
	if err != nil || r.Body.Location.Building != "15栋" || r.Body.Contact.Name != "李[31m四" {
		t.Errorf("controls and bidi overrides kept: %q %q %v", r.Body.Location.Building, r.Body.Contact.Name, err)
	}
	p.Unkept = []string{"email"}
	if _, err := PartnerSubmission(p, k, cfg, "id", t0); err == nil || !strings.Contains(err.Error(), "email") {
		t.Errorf("email: %v", err)
	}
}
