package display_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"opinionwall/display"
	"opinionwall/display/displaytest"
	"opinionwall/hardware/audiotest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
)

// heard records the texts given to espeak-ng.
type heard struct {
	booth.Synthesizer
	mu    sync.Mutex
	texts []string
}

func (h *heard) Synthesize(ctx context.Context, text string) ([]int16, error) {
	h.mu.Lock()
	h.texts = append(h.texts, text)
	h.mu.Unlock()
	return h.Synthesizer.Synthesize(ctx, text)
}

// TestReadAloud: on a wall kiosk with a speaker, 读给我听 on the home and
// topic screens plays, through the sound card (the fake device), espeak-ng
// speaking the screen's question and choices in the screen's language;
// without a speaker there is no button.
func TestReadAloud(t *testing.T) {
	dev := audiotest.New()
	level := kiosk.Defaults().Booth.PromptLevel
	zh := &heard{Synthesizer: &espeak.Espeak{Voice: "cmn", CacheDir: t.TempDir()}}
	en := &heard{Synthesizer: &espeak.Espeak{Voice: "en", CacheDir: t.TempDir()}}
	r := &booth.Reader{Audio: dev, Voices: map[string]*booth.Voice{"zh": {Synth: zh, Level: level}, "en": {Synth: en, Level: level}},
		Failed: func(err error) { t.Error(err) }}
	t.Cleanup(func() { r.Close() })
	f := displaytest.NewKiosk(t, 0, func(d *display.Deps) { d.ReadAloud = r.Read })
	f.Tap(display.Tr("zh", "attract.call"))

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	check := func(h *heard, n int, lang string, want ...string) {
		t.Helper()
		f.Tap(display.Tr(lang, "nav.read"))
		clips, err := dev.Wait(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		h.mu.Lock()
		text := h.texts[len(h.texts)-1]
		h.mu.Unlock()
		t.Logf("read: %s", text)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("read %q: no %q", text, w)
			}
		}
		for _, no := range []string{display.Tr(lang, "nav.back"), display.Tr(lang, "nav.read"), display.Tr(lang, "nav.large")} {
			if strings.Contains(text, no) {
				t.Errorf("read %q: the header's %q too", text, no)
			}
		}
		spoken, err := (&booth.Voice{Synth: h.Synthesizer, Level: level}).Say(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		if got := clips[n-1].PCM; len(got) == 0 || !slices.Equal(got, spoken) {
			t.Errorf("played %d samples, not espeak-ng's %d of %q", len(got), len(spoken), text)
		}
	}
	check(zh, 1, "zh", display.Tr("zh", "home.title"), display.Tr("zh", "home.opinion"), display.Tr("zh", "home.wall"))
	f.Tap(display.Tr("zh", "home.opinion"))
	check(zh, 2, "zh", display.Tr("zh", "opinion.topic"), f.Cfg.Topics[0].Name.Zh, f.Cfg.Topics[1].Name.Zh)
	f.Tap(display.Tr("zh", "nav.lang"))
	check(en, 3, "en", display.Tr("en", "opinion.topic"), f.Cfg.Topics[0].Name.En)

	silent := displaytest.NewKiosk(t, 0)
	silent.Tap(display.Tr("zh", "attract.call"))
	if silent.Has(display.Tr("zh", "nav.read")) {
		t.Error("读给我听 without a speaker")
	}
}
