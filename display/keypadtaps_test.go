package display_test

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestKeypadTapCounts types sentences on the keypad (九宫格) of 长辈模式 on
// the 7" 800×480 display, through the real screens: the full pinyin of
// each word on the keys, the pages of candidates turned (→) to the word,
// the word picked, every tap counted (docs/BENCHMARKS.md). A word the
// keypad cannot reach fails the test, as does a count over its limit
// (about twice the full keyboard's, which has initials and eight
// candidates a page).
func TestKeypadTapCounts(t *testing.T) {
	skipUnderRace(t)
	type word struct{ pinyin, text string }
	for _, tc := range []struct {
		text  string
		words []word
		max   int
	}{
		{"电梯坏了三天", []word{{"dianti", "电梯"}, {"huaile", "坏了"}, {"santian", "三天"}}, 26},
		{"居民议事日", []word{{"jumin", "居民"}, {"yishi", "议事"}, {"ri", "日"}}, 20},
		{"垃圾没人清理", []word{{"laji", "垃圾"}, {"meiren", "没人"}, {"qingli", "清理"}}, 24},
	} {
		t.Run(tc.text, func(t *testing.T) {
			v := newLayoutKiosk(t, fyne.NewSize(800, 480), modes[1])
			v.begin()
			v.keyboard("")
			if !v.Has("ABC") {
				t.Fatal("no keypad in 长辈模式 on the 7\" display")
			}
			taps := 0
			for _, w := range tc.words {
				for _, r := range w.pinyin {
					v.Tap(v.keyFor(r))
					taps++
				}
				for turns := 0; !v.Has(w.text); turns++ {
					if turns == 30 {
						t.Fatalf("%s is not among the candidates for %s", w.text, w.pinyin)
					}
					v.Tap("→")
					taps++
				}
				v.Tap(w.text)
				taps++
			}
			v.Want(tc.text)
			t.Logf("%s: %d taps on the keypad", tc.text, taps)
			if taps > tc.max {
				t.Errorf("%s took %d taps, more than %d", tc.text, taps, tc.max)
			}
		})
	}
}
