package words_test

import (
	"fmt"
	"strings"
	"testing"

	"opinionwall/display/pinyin/words"
	"opinionwall/kiosk"
)

// A step is what a resident does to write the next word: type letters
// (one tap each; none for a pick among associations), turn pages (one tap
// each), pick (one tap).
type step struct {
	letters string
	pages   int
	index   int
	text    string
}

func (s step) taps() int { return len(s.letters) + s.pages + 1 }

// maxPages is how many page turns a resident is assumed to make at most.
const maxPages = 4

// planner finds the fewest taps to write a text, from an empty box, with
// the engine's candidates: at each point either pick an association or
// type the letters of the next one to four characters (each character by
// its whole syllable or its first letter) until the word shows within
// maxPages pages, taking all the letters typed.
type planner struct {
	e     *words.Engine
	cands map[string][]words.Candidate
	valid map[string]bool
}

func (p *planner) candidates(in string) []words.Candidate {
	if c, ok := p.cands[in]; ok {
		return c
	}
	c := p.e.Candidates(in)
	p.cands[in] = c
	return c
}

// find is where text is among cs taking all `letters` letters: page and index.
func find(cs []words.Candidate, text string, letters int) (page, index int, ok bool) {
	for i, c := range cs {
		if i >= (maxPages+1)*words.PageSize {
			break
		}
		if c.Text == text && (letters < 0 || c.Letters == letters) {
			return i / words.PageSize, i % words.PageSize, true
		}
	}
	return 0, 0, false
}

// plan: the cheapest steps, by dynamic programming over (where the last
// pick began, where it ended) in the text.
func (p *planner) plan(text []rune, syl []string) []step {
	type state struct{ from, at int }
	best := map[state][]step{{0, 0}: nil}
	cost := func(ss []step) int {
		n := 0
		for _, s := range ss {
			n += s.taps()
		}
		return n
	}
	relax := func(to state, ss []step) {
		if old, ok := best[to]; !ok || cost(ss) < cost(old) {
			best[to] = ss
		}
	}
	for at := 0; at < len(text); at++ {
		for from := 0; from <= at; from++ {
			ss, ok := best[state{from, at}]
			if !ok {
				continue
			}
			if from < at {
				assoc := p.e.Associations(string(text[from:at]))
				for m := 1; at+m <= len(text); m++ {
					if pg, i, ok := find(assoc, string(text[at:at+m]), -1); ok {
						relax(state{at, at + m}, append(append([]step{}, ss...), step{"", pg, i, string(text[at : at+m])}))
					}
				}
			}
			for m := 1; m <= 4 && at+m <= len(text); m++ {
				if s, ok := p.typed(text[at:at+m], syl[at:at+m]); ok {
					relax(state{at, at + m}, append(append([]step{}, ss...), s))
				}
			}
		}
	}
	var out []step
	for from := range len(text) {
		if ss, ok := best[state{from, len(text)}]; ok && (out == nil || cost(ss) < cost(out)) {
			out = ss
		}
	}
	return out
}

// typed is the cheapest way to type word: every mix of whole syllables and
// first letters, cut after each letter.
func (p *planner) typed(word []rune, syl []string) (step, bool) {
	var best step
	found := false
	for mask := 0; mask < 1<<len(word); mask++ {
		var b strings.Builder
		for i, s := range syl {
			if mask&(1<<i) != 0 {
				b.WriteString(s[:1])
			} else {
				b.WriteString(s)
			}
		}
		in := b.String()
		for k := 1; k <= len(in) && (!found || k < best.taps()); k++ {
			v, ok := p.valid[in[:k]]
			if !ok {
				v = p.e.Valid(in[:k])
				p.valid[in[:k]] = v
			}
			if !v {
				break
			}
			pg, i, ok := find(p.candidates(in[:k]), string(word), k)
			s := step{in[:k], pg, i, string(word)}
			if ok && (!found || s.taps() < best.taps()) {
				best, found = s, true
			}
		}
	}
	return best, found
}

// replay drives a Composer with the steps as the keyboard would and counts
// the taps.
func replay(t *testing.T, c *words.Composer, steps []step) int {
	t.Helper()
	taps := 0
	for _, s := range steps {
		for _, r := range s.letters {
			if !c.Letter(r) {
				t.Fatalf("letter %c refused after %q", r, c.Input())
			}
			taps++
		}
		for range s.pages {
			c.Next()
			taps++
		}
		if got := c.Candidates(); s.index >= len(got) || got[s.index].Text != s.text {
			t.Fatalf("%s not at %d of page %d for %q", s.text, s.index, s.pages, s.letters)
		}
		c.Pick(s.index)
		taps++
	}
	return taps
}

func configVocabulary(cfg kiosk.Config) []string {
	var v []string
	for _, list := range [][]kiosk.Topic{cfg.Topics, cfg.Services} {
		for _, tp := range list {
			v = append(v, tp.Name.Zh)
			for _, ph := range tp.Phrases {
				v = append(v, ph.Text.Zh)
			}
		}
	}
	for _, ph := range cfg.RatingReasons {
		v = append(v, ph.Text.Zh)
	}
	return v
}

var tapCases = []struct {
	text, syllables string
	limit           int
}{
	{"居民议事日", "ju min yi shi ri", 10},
	{"电梯坏了三天", "dian ti huai le san tian", 12},
	{"我们楼下的垃圾没人清理", "wo men lou xia de la ji mei ren qing li", 20},
	// Three sentences from the default topics' phrases.
	{"下水道堵塞", "xia shui dao du se", 0},
	{"电动车违规充电", "dian dong che wei gui chong dian", 0},
	{"希望多办老人活动", "xi wang duo ban lao ren huo dong", 0},
}

func TestTapCounts(t *testing.T) {
	engines := []struct {
		name  string
		vocab []string
	}{
		{"built-in words only", nil},
		{"with the default config's topics and phrases", configVocabulary(kiosk.Defaults())},
	}
	for _, en := range engines {
		e := mustNew(t, en.vocab)
		p := &planner{e: e, cands: map[string][]words.Candidate{}, valid: map[string]bool{}}
		for _, tc := range tapCases {
			text, syl := []rune(tc.text), strings.Fields(tc.syllables)
			steps := p.plan(text, syl)
			if steps == nil {
				t.Fatalf("%s: no way to type it", tc.text)
			}
			c := &words.Composer{Source: e}
			taps := replay(t, c, steps)
			if c.Text() != tc.text {
				t.Fatalf("%s: wrote %q", tc.text, c.Text())
			}
			var how []string
			for _, s := range steps {
				how = append(how, fmt.Sprintf("%s→%s(p%d)", s.letters, s.text, s.pages))
			}
			t.Logf("%s | %s: %d taps: %s", en.name, tc.text, taps, strings.Join(how, " "))
			if tc.limit > 0 && taps > tc.limit {
				t.Errorf("%s | %s: %d taps, want at most %d", en.name, tc.text, taps, tc.limit)
			}
		}
	}
}
