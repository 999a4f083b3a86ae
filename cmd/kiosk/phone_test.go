package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
)

// TestPhoneTakesHookAndKeys: on a booth with its telephone, lifting the
// handset starts the spoken menu, not the rating screen; while it is up
// the rating buttons are keys (1 opens the rating question); hung up,
// they rate on screen again.
func TestPhoneTakesHookAndKeys(t *testing.T) {
	d, _, db, _ := newButtons(t, kiosk.RoleBooth)
	ctx := context.Background()
	dev := audiotest.New()
	cfg := kiosk.Defaults().Booth
	voice := &booth.Voice{Synth: &espeak.Espeak{CacheDir: t.TempDir()}, Level: cfg.PromptLevel}
	b := &booth.Booth{Audio: dev, Voice: voice, Config: cfg, KioskID: "booth-02", Service: "station", Store: db}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	d.phone = &phone{booth: b}
	wait := func(n int) []audiotest.Clip {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		clips, err := dev.Wait(wctx, n)
		if err != nil {
			t.Fatal(err)
		}
		return clips
	}
	said := func(c audiotest.Clip, p booth.Prompt) bool {
		want, _ := voice.Prompt(ctx, p)
		return len(c.PCM) == len(want)
	}

	d.Handle(ctx, hardware.Event{Kind: hardware.HookUp, Input: hardware.Hook})
	if clips := wait(2); !said(clips[0], booth.Welcome) || !said(clips[1], booth.Menu) {
		t.Fatal("lifting the handset did not say the welcome and the menu")
	}
	if v := d.session.View(); v.Flow == "rating" || !v.Slow {
		t.Errorf("lifting the handset: flow %q, 长辈模式 %v; want no flow, in 长辈模式", v.Flow, v.Slow)
	}
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate1})
	if clips := wait(3); !said(clips[2], booth.RateQuestion) {
		t.Fatal("button 1 off the hook is not key 1")
	}
	if st, _ := db.Status(ctx); st.LastSeq != 0 {
		t.Fatal("button 1 off the hook stored a rating")
	}
	d.Handle(ctx, hardware.Event{Kind: hardware.HookDown, Input: hardware.Hook})
	if v := d.session.View(); v.State != "attract" {
		t.Errorf("after hanging up the session is %s", v.State)
	}
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate4})
	if st, _ := db.Status(ctx); st.LastSeq != 1 {
		t.Fatalf("button 4 on the hook: %d stored, want a rating", st.LastSeq)
	}
}

// TestSilentBoothSaysSo: no card configured, or one named that is not
// there: no audio, and the telemetry's words say why.
func TestSilentBoothSaysSo(t *testing.T) {
	for name, dev := range map[string]string{"none configured": "", "absent": "no-such-card-xyz"} {
		c := kiosk.Defaults().Booth
		c.AudioDevice = dev
		audio, state, closer := openAudio(c, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if audio != nil || closer != nil || !strings.HasPrefix(state, "none: ") {
			t.Errorf("%s: audio %v, telemetry %q", name, audio, state)
		}
	}
	c := kiosk.Defaults().Booth
	c.AudioDevice = "fake"
	if audio, state, _ := openAudio(c, t.TempDir(), nil); audio == nil || !strings.HasPrefix(state, "ok: ") {
		t.Errorf("fake: audio %v, telemetry %q", audio, state)
	}
}
