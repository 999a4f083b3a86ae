package words_test

import (
	"slices"
	"testing"

	"opinionwall/display/pinyin/words"
)

// keys spells pinyin on a phone keypad.
func keys(pinyin string) string {
	var out []byte
	for i := 0; i < len(pinyin); i++ {
		for d := byte('2'); d <= '9'; d++ {
			for _, l := range []byte(words.KeypadLetters(d)) {
				if l == pinyin[i] {
					out = append(out, d)
				}
			}
		}
		if pinyin[i] == '\'' {
			out = append(out, '1')
		}
	}
	return string(out)
}

func TestT9FindsWordsOnThePhoneKeypad(t *testing.T) {
	t9 := mustNew(t, nil).T9()
	for _, tc := range []struct {
		pinyin, want string
		within       int
	}{
		{"dianti", "电梯", 3},
		{"jumin", "居民", 3},
		{"laji", "垃圾", 3},
		{"yishi", "议事", 5},
		{"huaile", "坏了", 5},
		{"wuye", "物业", 3},
		{"dian", "电", 8},
		{"xi'an", "西安", 3},
	} {
		t.Run(tc.pinyin, func(t *testing.T) {
			d := keys(tc.pinyin)
			if !t9.Valid(d) {
				t.Fatalf("%s (%s) is not valid", d, tc.pinyin)
			}
			var texts []string
			for _, c := range t9.Candidates(d) {
				texts = append(texts, c.Text)
			}
			i := slices.Index(texts, tc.want)
			if i < 0 || i >= tc.within {
				t.Errorf("%s (%s): %s at %d, want within %d: %v", d, tc.pinyin, tc.want, i, tc.within, texts[:min(10, len(texts))])
			}
		})
	}
}

// The digits stand for whole syllables, the last perhaps begun: a prefix
// of a word is valid, digits spelling no syllable are not.
func TestT9Valid(t *testing.T) {
	t9 := mustNew(t, nil).T9()
	for d, want := range map[string]bool{"3": true, "342": true, "34268": true, "1": false, "": false, "99999": false, "0": false} {
		if got := t9.Valid(d); got != want {
			t.Errorf("Valid(%q) = %v, want %v", d, got, want)
		}
	}
}

// A pick keeps the digits it did not stand for: 电梯 out of
// dianti+huaile leaves huaile's digits composing.
func TestT9PickKeepsTheRest(t *testing.T) {
	t9 := mustNew(t, nil).T9()
	c := words.Composer{Source: t9}
	for _, r := range keys("diantihuaile") {
		if !c.Letter(r) {
			t.Fatalf("key %c refused after %q", r, c.Input())
		}
	}
	i := slices.IndexFunc(c.Candidates(), func(x words.Candidate) bool { return x.Text == "电梯" })
	if i < 0 {
		t.Fatalf("no 电梯 on the first page: %v", c.Candidates())
	}
	c.Pick(i)
	if c.Text() != "电梯" || c.Input() != keys("huaile") {
		t.Errorf("after the pick: text %q, input %q (want %q)", c.Text(), c.Input(), keys("huaile"))
	}
}

// The keyboard shows the pinyin the first candidate reads, not digits.
func TestT9Reading(t *testing.T) {
	t9 := mustNew(t, nil).T9()
	d := keys("huaile")
	if c := t9.Candidates(d); len(c) == 0 || c[0].Text != "坏了" {
		t.Fatalf("first candidate for %s: %v", d, c[:min(3, len(c))])
	}
	if got := t9.Reading(d); got != "huaile" {
		t.Errorf("Reading(%s) = %q, want huaile", d, got)
	}
}
