package ops_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/sqlite"
)

type fakeDisplay struct {
	bright int
	on     bool
}

func (d *fakeDisplay) SetBrightness(p int) error { d.bright = p; return nil }
func (d *fakeDisplay) SetPower(on bool) error    { d.on = on; return nil }

func newHandler(t *testing.T) (*ops.Handler, *fakeDisplay, *time.Time) {
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(11, "wall-01")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	h := &ops.Handler{Kiosk: "wall-01", Nonces: db, Now: func() time.Time { return now }, MaxAge: 24 * time.Hour}
	d := &fakeDisplay{bright: 100, on: true}
	ring := ops.NewRing(3)
	for i := 0; i < 5; i++ {
		ring.Write([]byte("line " + string(rune('a'+i)) + "\n"))
	}
	ops.RegisterStandard(h, ops.Deps{Display: d, Logs: ring, Now: func() time.Time { return now },
		Config: func() any { return map[string]string{"id": "wall-01"} }})
	return h, d, &now
}

func run(h *ops.Handler, c kiosk.Command, retained bool) []kiosk.Result {
	var out []kiosk.Result
	h.HandleCommand(context.Background(), c, retained, func(r kiosk.Result) { out = append(out, r) })
	return out
}

func cmd(now time.Time, name, args, nonce string) kiosk.Command {
	return kiosk.Command{CID: "c-" + nonce, Kiosk: "wall-01", Cmd: name, Args: json.RawMessage(args), IAT: now, EXP: now.Add(5 * time.Minute), Nonce: nonce}
}

func TestChecksRejectWithReasonAndNoEffect(t *testing.T) {
	h, d, now := newHandler(t)
	good := cmd(*now, "display.set", `{"brightness":30}`, "n1")
	tests := []struct {
		name     string
		c        kiosk.Command
		retained bool
		why      string
	}{
		{"retained", func() kiosk.Command { c := good; c.Nonce = "r1"; return c }(), true, "retained"},
		{"wrong target", func() kiosk.Command { c := good; c.Kiosk = "wall-02"; return c }(), false, "meant for kiosk"},
		{"expired", func() kiosk.Command { c := good; c.EXP = now.Add(-time.Second); return c }(), false, "expired"},
		{"too far ahead", func() kiosk.Command { c := good; c.EXP = now.Add(48 * time.Hour); return c }(), false, "too far ahead"},
		{"no nonce", func() kiosk.Command { c := good; c.Nonce = ""; return c }(), false, "no nonce"},
		{"unknown", cmd(*now, "format.disk", `{}`, "n9"), false, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(h, tt.c, tt.retained)
			if len(res) != 1 || res[0].Status != kiosk.ResultRejected || !strings.Contains(res[0].Detail, tt.why) {
				t.Fatalf("results %+v, want rejected: %s", res, tt.why)
			}
			if d.bright != 100 {
				t.Fatal("a rejected command had an effect")
			}
		})
	}
	// A retained command also delivered live is refused the second time too.
	live := good
	live.Nonce = "r1"
	if res := run(h, live, false); res[0].Status != kiosk.ResultRejected || !strings.Contains(res[0].Detail, "replayed") {
		t.Fatalf("the live copy of a retained command: %+v", res)
	}
	// The good one works once; replayed, it is refused.
	if res := run(h, good, false); res[len(res)-1].Status != kiosk.ResultSucceeded || d.bright != 30 {
		t.Fatalf("good command: %+v, brightness %d", res, d.bright)
	}
	d.bright = 100
	if res := run(h, good, false); res[0].Status != kiosk.ResultRejected || !strings.Contains(res[0].Detail, "replayed") || d.bright != 100 {
		t.Fatalf("replay: %+v, brightness %d", res, d.bright)
	}
}

func TestCommandsAndArguments(t *testing.T) {
	h, d, now := newHandler(t)
	h.ClockSynced = func() bool { return true }
	n := 0
	do := func(name, args string) kiosk.Result {
		n++
		res := run(h, cmd(*now, name, args, "x"+string(rune('a'+n))), false)
		return res[len(res)-1]
	}
	if r := do("display.set", `{"power":false}`); r.Status != kiosk.ResultSucceeded || d.on {
		t.Errorf("display.set power: %+v", r)
	}
	for _, tt := range []struct{ name, args, why string }{
		{"brightness over 100", `{"brightness":101}`, "not 0-100"},
		{"nothing to set", `{}`, "give brightness"},
		{"unknown field", `{"dim":3}`, "unknown field"},
		{"not an object", `[1]`, "arguments"},
	} {
		t.Run("display.set "+tt.name, func(t *testing.T) {
			if r := do("display.set", tt.args); r.Status != kiosk.ResultFailed || !strings.Contains(r.Detail, tt.why) {
				t.Errorf("display.set %s: %+v", tt.args, r)
			}
		})
	}
	if r := do("logs", `{"lines":2}`); r.Status != kiosk.ResultSucceeded || string(r.Data) != `{"lines":["line d","line e"]}` {
		t.Errorf("logs: %+v %s", r, r.Data)
	}
	if r := do("config.get", ``); r.Status != kiosk.ResultSucceeded || !strings.Contains(string(r.Data), "wall-01") {
		t.Errorf("config.get: %+v", r)
	}
	if r := do("data.purge", `{"days":0}`); r.Status != kiosk.ResultFailed {
		t.Errorf("data.purge 0 days: %+v", r)
	}
	if r := do("screenshot", `{}`); r.Status != kiosk.ResultFailed || !strings.Contains(r.Detail, "not available") {
		t.Errorf("screenshot without a window: %+v", r)
	}
	if got := h.Counts(); got["cmd_accepted"] == 0 || got["cmd_failed"] == 0 {
		t.Errorf("counts %v", got)
	}
}

func FuzzArguments(f *testing.F) {
	for _, s := range []string{`{"brightness":3}`, `{"power":true}`, `{"lines":5}`, `{"days":2}`, `{"zh":"停水","until":"2026-12-01T00:00:00Z"}`, `null`, `{"x":`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, args string) {
		var a ops.DisplayArgs
		var l ops.LogsArgs
		var p ops.PurgeArgs
		var an ops.AnnounceArgs
		for _, v := range []any{&a, &l, &p, &an} {
			ops.DecodeArgs("fuzz", json.RawMessage(args), v)
		}
	})
}

func TestRing(t *testing.T) {
	r := ops.NewRing(2)
	r.Write([]byte("a\nb"))
	r.Write([]byte("c\nd\n"))
	if got := r.Last(5); len(got) != 2 || got[0] != "bc" || got[1] != "d" {
		t.Errorf("ring %q", got)
	}
}
