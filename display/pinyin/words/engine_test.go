package words_test

import (
	"slices"
	"testing"

	"opinionwall/display/pinyin/words"
)

func TestCandidates(t *testing.T) {
	e := mustNew(t, nil)
	tests := []struct {
		name, input, want string
		letters           int
		maxPos            int // want within the first maxPos+1
	}{
		{"full pinyin", "dianti", "电梯", 6, 0},
		{"initials", "dt", "电梯", 2, 0},
		{"initials of a community word", "jm", "居民", 2, 0},
		{"mixed with a space", "dian t", "电梯", 6, 0},
		{"mixed without", "diant", "电梯", 5, 0},
		{"upper case", "DianTi", "电梯", 6, 0},
		{"apostrophe splits a syllable", "xi'an", "西安", 5, 0},
		{"no apostrophe: one syllable", "xian", "现", 4, 0},
		{"a beginning of a longer input", "diantihuaile", "电梯", 6, 0},
		{"partial last syllable", "zhongg", "中国", 6, 0},
		{"a second reading that is usual", "yinhang", "银行", 7, 0},
		{"ü typed as v", "lv", "绿", 2, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.Candidates(tc.input)
			i := slices.IndexFunc(got, func(c words.Candidate) bool { return c.Text == tc.want })
			if i < 0 || i > tc.maxPos {
				t.Fatalf("%q: %s at %d, want ≤ %d; first: %v", tc.input, tc.want, i, tc.maxPos, got[:min(8, len(got))])
			}
			if got[i].Letters != tc.letters {
				t.Errorf("%q: %s takes %d letters, want %d", tc.input, tc.want, got[i].Letters, tc.letters)
			}
		})
	}
}

// TestWordsBeforeCharacters: when a word takes the whole input, words come
// before single characters; a greedy syllable comes before a split one.
func TestWordsBeforeCharacters(t *testing.T) {
	e := mustNew(t, nil)
	for _, in := range []string{"jm", "dthl", "lj"} {
		single := false
		for _, c := range e.Candidates(in) {
			n := len([]rune(c.Text))
			if single && n > 1 {
				t.Fatalf("%s: word %s after a single character", in, c.Text)
			}
			single = single || n == 1
		}
	}
	if got := e.Candidates("sh"); got[0].Text != "是" {
		t.Errorf("sh: %v first, want 是 (sh one initial before s+h)", got[0])
	}
}

func TestCommunityVocabulary(t *testing.T) {
	plain := mustNew(t, nil)
	e := mustNew(t, []string{"白石洲东四坊", "电梯坏了，三天没人修"})
	if got := plain.Candidates("bszdsf"); len(got) > 0 && got[0].Text == "白石洲东四坊" {
		t.Fatal("the plain engine knows the street")
	}
	if got := e.Candidates("bszdsf"); len(got) == 0 || got[0].Text != "白石洲东四坊" {
		t.Errorf("a street of the config: %v", got[:min(3, len(got))])
	}
	// Phrases feed associations: after 三天, the rest of the phrase, then
	// its next word.
	if got := texts(e.Associations("三天")); len(got) < 2 || got[0] != "没人修" || got[1] != "没人" {
		t.Errorf("associations after 三天: %v", got[:min(3, len(got))])
	}
	// Governance words are boosted over more frequent dictionary words.
	if got := plain.Candidates("ys"); got[0].Text != "议事" {
		t.Errorf("ys: %v, want 议事 first", got[:3])
	}
}

func TestAssociations(t *testing.T) {
	e := mustNew(t, nil)
	if got := e.Associations("垃"); len(got) == 0 || got[0].Text != "圾" {
		t.Errorf("after 垃: %v", got[:min(3, len(got))])
	}
	if got := texts(e.Associations("电梯")); !slices.Contains(got, "间") {
		t.Errorf("after 电梯: %v", got)
	}
	if got := e.Associations("x"); len(got) != 0 {
		t.Errorf("after a letter: %v", got)
	}
}

func TestValid(t *testing.T) {
	e := mustNew(t, nil)
	for in, want := range map[string]bool{
		"dianti": true, "dt": true, "zh": true, "xi'an": true, "": false, "v": false, "dv": false, "iu": false, "dianvv": false, "xiana": true,
	} {
		if got := e.Valid(in); got != want {
			t.Errorf("Valid(%q) = %v, want %v", in, got, want)
		}
	}
}
