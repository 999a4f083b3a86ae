package booth_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	kiosksqlite "opinionwall/kiosk/sqlite"
)

// TestTimeoutIsSpoken: no key after the menu: 还在吗？, the menu again,
// then goodbye and the visit ends; a key with the handset still up starts
// a new one.
func TestTimeoutIsSpoken(t *testing.T) {
	r := newRig(t, nil, func(b *booth.Booth) { b.Config.KeyTimeout = kiosk.Duration(200 * time.Millisecond) })
	r.booth.HookUp()
	r.ear.expect(welcome, menu, booth.StillThere.Text(), menu, booth.Goodbye.Text())
	r.ear.quiet(600 * time.Millisecond)
	if v := r.screen.last(); v.Step != booth.StepGoodbye {
		t.Errorf("screen %s after the timeout", v.Step)
	}
	press(r.booth, "*")
	r.ear.expect(welcome, menu)
}

// TestEveryStepTimesOut: in each flow, a caller who stops answering is
// asked 还在吗？ and then let go.
func TestEveryStepTimesOut(t *testing.T) {
	// Long enough for the test to press a key after hearing the menu on
	// a loaded machine; the timeouts it checks come after.
	r := newRig(t, nil, func(b *booth.Booth) {
		b.Config.KeyTimeout = kiosk.Duration(1500 * time.Millisecond)
		b.Lookup = &kiosk.Lookup{Number: 11}
	})
	still, bye := booth.StillThere.Text(), booth.Goodbye.Text()
	for _, c := range []struct {
		key  string
		want []string
	}{
		{"1", []string{booth.RateQuestion.Text(), booth.RateAnswers.Text(), still, booth.RateQuestion.Text(), booth.RateAnswers.Text(), bye}},
		{"3", []string{booth.LookupAsk.Text(), still, booth.LookupAsk.Text(), bye}},
	} {
		r.booth.HookUp()
		r.ear.expect(welcome, menu)
		press(r.booth, c.key)
		r.ear.expect(c.want...)
		r.booth.HookDown()
	}
}

// TestHookDownStopsAtOnce: hanging up in the middle of the menu cuts it
// and nothing more is said.
func TestHookDownStopsAtOnce(t *testing.T) {
	r := newRig(t, nil, nil)
	r.dev.RealTime = true
	r.booth.HookUp()
	r.ear.expect(welcome)
	r.booth.HookDown()
	r.ear.quiet(500 * time.Millisecond)
	if c := r.dev.Played()[0]; !c.Cut {
		t.Error("the welcome played on after the handset went down")
	}
	if v := r.screen.last(); v.Step != booth.StepIdle {
		t.Errorf("screen %s after hanging up", v.Step)
	}
}

// TestLouderKey: 0 at the menu makes every clip louder from then on, the
// help button (KeyLouder) turns it back.
func TestLouderKey(t *testing.T) {
	r := newRig(t, nil, nil)
	r.booth.HookUp()
	r.ear.expect(welcome, menu)
	press(r.booth, "0")
	r.ear.expect("(大声)"+booth.Louder.Text(), "(大声)"+menu)
	if !r.screen.last().Louder {
		t.Error("the screen does not show the louder volume")
	}
	r.booth.Press(booth.KeyLouder)
	r.ear.expect(booth.Normal.Text(), menu)
	loud := hardware.RMS(r.dev.Played()[2].PCM) / hardware.RMS(r.dev.Played()[1].PCM)
	if loud < 2 {
		t.Errorf("louder is %.1f× the normal level", loud)
	}
}

// TestSilentBooth: without a sound card the dialogue still runs and the
// screen shows each step; a rating by keys is stored.
func TestSilentBooth(t *testing.T) {
	db := kiosksqlite.NewDB(t.TempDir() + "/k.db")
	db.Tickets, _ = kiosk.NewTicketCodec(11, "booth-01")
	open(t, db.Open, db.Close)
	scr := &screens{}
	cfg := kiosk.Defaults().Booth
	b := &booth.Booth{Voice: newVoice(t, nil), Config: cfg, KioskID: "booth-01", Service: "station", Store: db, Show: scr.show}
	open(t, b.Open, b.Close)
	b.HookUp()
	waitFor(t, func() bool { return len(scr.steps()) > 0 && scr.last().Step == booth.StepMenu }, "the menu")
	press(b, "1")
	waitFor(t, func() bool { return scr.last().Step == booth.StepRate }, "the rating step")
	press(b, "4")
	waitFor(t, func() bool { _, err := db.Submission(context.Background(), 1); return err == nil }, "the rating stored")
	press(b, "4")
	waitFor(t, func() bool { return containsAll(scr.steps(), booth.StepNoService) }, "no voice messages without a sink")
}

func TestKeyOf(t *testing.T) {
	for in, want := range map[string]booth.Key{hardware.Rate1: '1', hardware.Rate4: '4', "key0": '0', "key*": '*', "key#": '#', hardware.Help: booth.KeyLouder} {
		if got, ok := booth.KeyOf(in); !ok || got != want {
			t.Errorf("KeyOf(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{hardware.Hook, "keyx", "key", ""} {
		if _, ok := booth.KeyOf(in); ok {
			t.Errorf("KeyOf(%q) is a key", in)
		}
	}
}

func TestDigits(t *testing.T) {
	if got, want := booth.Digits("123-456-780"), "一 二 三，四 五 六，七 八 零"; got != want {
		t.Errorf("Digits = %q, want %q", got, want)
	}
}

// TestAfterClose: events after Close are dropped, not blocking the caller
// (the hardware loop) for ever.
func TestAfterClose(t *testing.T) {
	b := &booth.Booth{Voice: &booth.Voice{}, Config: kiosk.Defaults().Booth}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	b.Close()
	done := make(chan struct{})
	go func() {
		for range 100 {
			b.Press('1')
		}
		b.HookUp()
		b.HookDown()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("events after Close block")
	}
}
