package display_test

import (
	"strings"
	"testing"

	"opinionwall/display/displaytest"
)

// A word step: the letters typed (one tap each), then the word picked in
// the candidate row (one tap), turning its pages (→, one tap each) until
// the word shows. No letters: an association (联想) of what was written.
type wordStep struct{ letters, word string }

// keyTapCases are the sentences and three of the default topics'
// phrases, each typed the cheapest way the word engine's own planner
// (display/pinyin/words TestTapCounts) found.
var keyTapCases = []struct {
	text  string
	limit int
	steps []wordStep
}{
	{"居民议事日", 10, []wordStep{{"jm", "居民"}, {"ys", "议事"}, {"r", "日"}}},
	{"电梯坏了三天", 12, []wordStep{{"dt", "电梯"}, {"hl", "坏了"}, {"st", "三天"}}},
	{"我们楼下的垃圾没人清理", 20, []wordStep{{"wm", "我们"}, {"lx", "楼下"}, {"d", "的"}, {"lj", "垃圾"}, {"mr", "没人"}, {"ql", "清理"}}},
	{"下水道堵塞", 3, []wordStep{{"x", "下"}, {"", "水道堵塞"}}},
	{"电动车违规充电", 6, []wordStep{{"ddc", "电动车"}, {"", "违规"}, {"", "充电"}}},
	{"希望多办老人活动", 7, []wordStep{{"xw", "希望"}, {"", "多"}, {"", "办"}, {"", "老人"}, {"", "活动"}}},
	{"电梯坏了", 14, []wordStep{{"diantihuaile", "电梯"}, {"", "坏了"}}}, // "huaile" stays composing after 电梯
}

// TestKeyboardTapCounts types each sentence on the kiosk's own keyboard,
// from an empty box, tapping keys and candidates by their labels, and
// counts the taps.
func TestKeyboardTapCounts(t *testing.T) {
	for _, tc := range keyTapCases {
		t.Run(tc.text, func(t *testing.T) {
			v := visit{Kiosk: displaytest.NewKiosk(t, 0), m: modes[0]}
			v.begin()
			v.keyboard("")
			taps := 0
			for _, st := range tc.steps {
				for _, r := range st.letters {
					v.Tap(string(r))
					taps++
				}
				for pages := 0; !v.Has("[" + st.word + "]"); pages++ {
					if pages == 5 {
						t.Fatalf("%s not among the candidates after %q:\n%s", st.word, st.letters, v.Texts())
					}
					v.Tap("→")
					taps++
				}
				v.Tap(st.word)
				taps++
			}
			if got := v.S.View().Draft.Body.Text; got != tc.text {
				t.Fatalf("wrote %q, want %q", got, tc.text)
			}
			t.Logf("%s: %d taps (%s)", tc.text, taps, stepsString(tc.steps))
			if taps > tc.limit {
				t.Errorf("%s: %d taps, want at most %d", tc.text, taps, tc.limit)
			}
		})
	}
}

func stepsString(steps []wordStep) string {
	var b []string
	for _, s := range steps {
		b = append(b, s.letters+"→"+s.word)
	}
	return strings.Join(b, " ")
}

// TestKeyboardKeepsLettersAfterPick: the letters a word did not take stay
// in the composing strip, and a commit offers associations.
func TestKeyboardKeepsLettersAfterPick(t *testing.T) {
	v := visit{Kiosk: displaytest.NewKiosk(t, 0), m: modes[0]}
	v.begin()
	v.keyboard("diantihuaile")
	v.Tap("电梯")
	v.Want("huaile｜")
	v.Tap("坏了")
	if v.Has("huaile｜") {
		t.Fatalf("letters still composing after 坏了:\n%s", v.Texts())
	}
	for _, r := range "fd" {
		v.Tap(string(r))
	}
	v.Tap("房东")
	v.Want("[不维修]") // from the default topics' phrase 房东不维修
}
