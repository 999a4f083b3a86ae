package pinyin_test

import (
	"testing"

	"opinionwall/display/pinyin"
)

// typeText types text the way a resident would, counting taps: for each
// character, the fewest letters of one of its syllables after which it shows
// (paging if it is not on the first page), then its pick.
func typeText(t *testing.T, c *pinyin.Composer, text string, syllables []string) int {
	t.Helper()
	taps := 0
	for i, want := range []rune(text) {
		syl := syllables[i]
		found := false
		for n := 1; n <= len(syl) && !found; n++ {
			if !c.Letter(rune(syl[n-1])) {
				t.Fatalf("letter %q of %q refused", syl[n-1], syl)
			}
			taps++
			// Look on the first page only until the syllable is complete;
			// then page to it.
			for page := 0; ; page++ {
				for j, r := range c.Candidates() {
					if r == want {
						c.Pick(j)
						taps++
						found = true
						break
					}
				}
				if found || n < len(syl) || !c.HasNext() {
					break
				}
				c.Next()
				taps++
			}
		}
		if !found {
			t.Fatalf("%c not offered for %q", want, syl)
		}
	}
	return taps
}

func TestTapsForASentence(t *testing.T) {
	c := &pinyin.Composer{Dict: pinyin.Default()}
	c.Learn(pinyin.CommunityWords)
	text := "我们楼下的垃圾没人清理"
	syl := []string{"wo", "men", "lou", "xia", "de", "la", "ji", "mei", "ren", "qing", "li"}
	taps := typeText(t, c, text, syl)
	if c.Text() != text {
		t.Fatalf("typed %q", c.Text())
	}
	t.Logf("%s: %d taps (letters, page turns and picks)", text, taps)
	if taps > 60 {
		t.Errorf("%d taps, want at most 60", taps)
	}
}

func TestComposer(t *testing.T) {
	c := &pinyin.Composer{Dict: pinyin.Default(), Limit: 3}
	if c.Letter('v') {
		t.Error("no syllable starts with v")
	}
	c.Letter('n')
	c.Letter('i')
	if got := c.Candidates(); len(got) == 0 || got[0] != '你' {
		t.Fatalf("ni: %q", string(got))
	}
	c.Backspace()
	if c.Input() != "n" {
		t.Fatalf("after backspace: %q", c.Input())
	}
	c.Backspace()
	c.Put('1')
	c.Put('栋')
	c.Letter('l')
	c.Pick(0)
	if c.Pick(0) || len([]rune(c.Text())) != 3 {
		t.Fatalf("limit not kept: %q", c.Text())
	}
	if c.Put('x') {
		t.Error("put past the limit")
	}
	c.Backspace()
	if c.Text() != "1栋" {
		t.Errorf("text %q", c.Text())
	}
	// Paging.
	c.SetText("")
	c.Letter('y')
	first := c.Candidates()
	c.Next()
	if !c.HasPrev() || string(c.Candidates()) == string(first) {
		t.Error("paging does not move")
	}
	c.Prev()
	if string(c.Candidates()) != string(first) {
		t.Error("paging back does not return")
	}
	// ü is typed as v after n and l.
	c.SetText("")
	c.Letter('l')
	c.Letter('v')
	found := false
	for _, r := range c.Candidates() {
		found = found || r == '绿'
	}
	if !found {
		t.Errorf("lv: %q", string(c.Candidates()))
	}
}
