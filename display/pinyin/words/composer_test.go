package words_test

import (
	"testing"

	"opinionwall/display/pinyin/words"
)

func pick(t *testing.T, c *words.Composer, want string) {
	t.Helper()
	for {
		for i, cand := range c.Candidates() {
			if cand.Text == want {
				if !c.Pick(i) {
					t.Fatalf("pick %s refused", want)
				}
				return
			}
		}
		if !c.HasNext() {
			t.Fatalf("%s not offered for %q", want, c.Input())
		}
		c.Next()
	}
}

func typeLetters(t *testing.T, c *words.Composer, s string) {
	t.Helper()
	for _, r := range s {
		if !c.Letter(r) {
			t.Fatalf("letter %c after %q refused", r, c.Input())
		}
	}
}

func TestComposerKeepsTheRestComposing(t *testing.T) {
	c := &words.Composer{Source: mustNew(t, nil)}
	typeLetters(t, c, "diantihuaile")
	pick(t, c, "电梯")
	if c.Input() != "huaile" || c.Text() != "电梯" {
		t.Fatalf("after 电梯: input %q, text %q", c.Input(), c.Text())
	}
	pick(t, c, "坏了")
	if c.Input() != "" || c.Text() != "电梯坏了" {
		t.Fatalf("after 坏了: input %q, text %q", c.Input(), c.Text())
	}
	// An initial then a separator: the separator goes with the pick.
	c.SetText("")
	typeLetters(t, c, "dian'ti")
	pick(t, c, "电")
	if c.Input() != "ti" {
		t.Errorf("after 电 from dian'ti: %q", c.Input())
	}
}

func TestComposerEdits(t *testing.T) {
	c := &words.Composer{Source: mustNew(t, nil), Limit: 3}
	if c.Letter('v') {
		t.Error("v accepted first")
	}
	typeLetters(t, c, "la")
	pick(t, c, "垃")
	pick(t, c, "圾") // an association
	if c.Text() != "垃圾" {
		t.Fatalf("text %q", c.Text())
	}
	typeLetters(t, c, "dt")
	if c.Pick(0) {
		t.Errorf("a two-character pick past the limit of 3: %q", c.Text())
	}
	c.Backspace()
	c.Backspace()
	c.Backspace()
	if c.Text() != "垃" || c.Input() != "" || c.Associating() {
		t.Errorf("after backspaces: %q %q", c.Text(), c.Input())
	}
	if !c.Put('1') || !c.Put('2') || c.Put('3') || c.Text() != "垃12" {
		t.Errorf("puts up to the limit: %q", c.Text())
	}
	// Paging.
	c.SetText("")
	typeLetters(t, c, "y")
	first := c.Candidates()[0]
	c.Next()
	if !c.HasPrev() || c.Candidates()[0] == first {
		t.Error("paging does not move")
	}
	c.Prev()
	if c.Candidates()[0] != first {
		t.Error("paging back does not return")
	}
}
