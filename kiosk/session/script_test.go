package session_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

func TestScriptActsAsResident(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	poll := kiosk.Poll{ID: "p1", Title: kiosk.Text{Zh: "篮球场开放时间"}, Options: []kiosk.PollOption{{ID: "late", Text: kiosk.Text{Zh: "延长到22点"}}}}
	sc := &session.Script{S: f.s, Sleep: f.clk.Advance,
		Polls: func(context.Context) ([]kiosk.Poll, error) { return []kiosk.Poll{poll}, nil }}
	steps := []struct{ line, want string }{
		{"# a resident walks up", ""},
		{"wake", "state=home"},
		{"start opinion", "step=topic"},
		{"topic sanitation", "step=topic"},
		{"next", "step=location"},
		{"location 大和路 1栋", "step=location"},
		{"next", "step=words"},
		{"phrase smell", "step=words"},
		{"text 垃圾站 很臭，电话 13812345678", "step=words"},
		{"next", "step=contact"},
		{"next", `text="垃圾站 很臭，电话 138******78"`},
		{"submit", "state=submitted flow=opinion ticket="},
		{"done", "state=attract"},
		{"wake", "state=home"},
		{"start vote", "step=poll"},
		{"poll p1", "step=poll"},
		{"next", "step=option"},
		{"option late", "step=option"},
		{"next", "kind=vote"},
		{"submit", "ticket="},
		{"button 4", "state=submitted"},
		{"button 4", "counted once"},
		{"wake", "state=submitted"},
		{"wait 1m", "state=attract"},
		{"wake", "state=home"},
		{"wait 80s", "warning=10s"},
		{"wait 10s", "state=attract"},
	}
	for _, st := range steps {
		got, err := sc.Exec(ctx, st.line)
		if err != nil {
			t.Fatalf("%q: %v (%s)", st.line, err, got)
		}
		if !strings.Contains(got, st.want) {
			t.Fatalf("%q: got %q, want it to contain %q", st.line, got, st.want)
		}
	}
	if n := len(f.stored(t)); n != 3 {
		t.Errorf("%d stored, want 3", n)
	}
}

func TestScriptErrorsInPlainWords(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	sc := &session.Script{S: f.s, Sleep: func(time.Duration) {}}
	for _, tt := range []struct{ line, code string }{
		{"fly", kiosk.EINVALID},
		{"wait soon", kiosk.EINVALID},
		{"rate five", kiosk.EINVALID},
		{"start opinion", kiosk.ECONFLICT}, // not woken
		{"poll p1", kiosk.ECONFLICT},
	} {
		t.Run(tt.line, func(t *testing.T) {
			if _, err := sc.Exec(ctx, tt.line); kiosk.ErrorCode(err) != tt.code {
				t.Errorf("%q: err %v, want %s", tt.line, err, tt.code)
			}
		})
	}
	sc.Exec(ctx, "wake")
	sc.Exec(ctx, "start lookup")
	got, err := sc.Exec(ctx, "code 999 999 999")
	if err == nil || !strings.Contains(got, "says=") {
		t.Errorf("bad code: %q, %v", got, err)
	}
}
