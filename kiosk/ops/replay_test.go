package ops_test

import (
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

// TestReplayAcrossClockRollback captures a command, lets the kiosk see a
// later one (which forgets the first's expired nonce), rolls the kiosk's
// clock back (a Pi without a battery clock boots at an old time) and replays
// the captured command: it looks unexpired and its nonce is gone, but it was
// issued before the highest issued-at seen from its key, and is refused.
func TestReplayAcrossClockRollback(t *testing.T) {
	h, d, now := newHandler(t)
	start := *now
	captured := cmd(start, "display.set", `{"brightness":30}`, "n1")
	captured.Key = "ops1"
	if res := run(h, captured, false); res[len(res)-1].Status != kiosk.ResultSucceeded {
		t.Fatalf("first: %+v", res)
	}
	*now = start.Add(2 * time.Hour)
	later := cmd(*now, "display.set", `{"brightness":80}`, "n2")
	later.Key = "ops1"
	if res := run(h, later, false); res[len(res)-1].Status != kiosk.ResultSucceeded {
		t.Fatalf("later: %+v", res)
	}
	*now = start.Add(time.Minute) // the clock rolled back
	res := run(h, captured, false)
	if len(res) != 1 || res[0].Status != kiosk.ResultRejected || !strings.Contains(res[0].Detail, "replay across a clock change") {
		t.Fatalf("replayed after a rollback: %+v", res)
	}
	if d.bright != 80 {
		t.Fatalf("brightness %d: the replay had an effect", d.bright)
	}
	// Another key has its own mark.
	other := cmd(*now, "display.set", `{"brightness":40}`, "n3")
	other.Key = "ops2"
	if res := run(h, other, false); res[len(res)-1].Status != kiosk.ResultSucceeded {
		t.Fatalf("another key: %+v", res)
	}
}

// TestCommandTimesAndClock refuses issued-at in the future beyond the skew,
// lifetimes over 24 h, and update and data.purge while the kiosk's clock is
// not synchronised.
func TestCommandTimesAndClock(t *testing.T) {
	h, d, now := newHandler(t)
	future := cmd(now.Add(time.Hour), "display.set", `{"brightness":30}`, "f1")
	future.EXP = now.Add(2 * time.Hour)
	long := cmd(now.Add(-23*time.Hour), "display.set", `{"brightness":30}`, "l1")
	long.EXP = now.Add(2 * time.Hour)
	noIAT := cmd(*now, "display.set", `{"brightness":30}`, "z1")
	noIAT.IAT = time.Time{}
	for _, tt := range []struct {
		c   kiosk.Command
		why string
	}{
		{future, "issued in the future"},
		{long, "more than 24h"},
		{noIAT, "no issued-at"},
		{cmd(*now, "update", `{}`, "u1"), "clock is not synchronised"},
		{cmd(*now, "data.purge", `{}`, "p1"), "clock is not synchronised"},
	} {
		res := run(h, tt.c, false)
		if len(res) != 1 || res[0].Status != kiosk.ResultRejected || !strings.Contains(res[0].Detail, tt.why) {
			t.Errorf("%s: %+v, want rejected: %s", tt.c.Nonce, res, tt.why)
		}
	}
	if d.bright != 100 {
		t.Fatal("a refused command had an effect")
	}
	synced := false
	h.ClockSynced = func() bool { return synced }
	if res := run(h, cmd(*now, "update", `{}`, "u2"), false); !strings.Contains(res[0].Detail, "not synchronised") {
		t.Errorf("update, clock not synced: %+v", res)
	}
	synced = true
	if res := run(h, cmd(*now, "update", `{}`, "u3"), false); strings.Contains(res[0].Detail, "not synchronised") {
		t.Errorf("update, clock synced: %+v", res)
	}
}
