package kiosk

import (
	"encoding/json"
	"testing"
	"time"
)

// TestOldMessagesDecode: a ticket update and a polls snapshot from a hub
// that predates deliberation decode with no item, referrals or day; new
// ones carry them.
func TestOldMessagesDecode(t *testing.T) {
	var u TicketUpdate
	if err := json.Unmarshal([]byte(`{"ticket":"129417825","submission_id":"x","status":"replied","reply":"好","updated_at":"2026-11-30T11:30:00Z"}`), &u); err != nil {
		t.Fatal(err)
	}
	if u.Item != nil || u.Referrals != nil || u.Reply != "好" {
		t.Fatalf("old update %+v", u)
	}
	var p PollsSnapshot
	if err := json.Unmarshal([]byte(`{"version":4,"polls":[{"id":"p","title":{"zh":"停车"},"options":[],"closes":"2026-12-15T00:00:00Z"}]}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.Day != nil || p.Polls[0].Item != 0 || p.Day.Active(time.Now()) {
		t.Fatalf("old polls %+v", p)
	}
	u.Item = &Text{Zh: "加装电梯"}
	u.Referrals = []Referral{{Name: Text{Zh: "法律援助", En: "Legal aid"}, Contact: Text{Zh: "周三"}}}
	b, _ := json.Marshal(u)
	var back TicketUpdate
	if err := json.Unmarshal(b, &back); err != nil || back.Item == nil || back.Item.Zh != "加装电梯" || back.Referrals[0].Name.En != "Legal aid" {
		t.Fatalf("round trip %s: %+v %v", b, back, err)
	}
}
