package words

import (
	"math"
	"strings"
	"sync"
)

// T9 reads the keys of a phone's pinyin keypad (九宫格): 2 to 9 each stand
// for the letters printed on them (2 abc … 9 wxyz) and 1 for the separator
// between syllables. It is the keyboard of the kiosk's 长辈模式 on panels
// too small for the ten keys a row of a full keyboard at the mode's key
// size, and the one most elderly residents know from their phones.
//
// The digits are read as whole pinyin syllables, the last of them perhaps
// only begun ("3426" is dian, "34268" dian and a syllable starting t, u or
// v): initials alone (jianpin) would let almost any digits stand for
// something. A syllable starting with a, o or e begins the input or
// follows 1, as in written pinyin. Every spelling found is looked up, and
// the candidates of all of them ranked together.
type T9 struct {
	e *Engine

	mu              sync.Mutex
	digits, reading string // the last digits looked up and their reading
}

var _ Source = (*T9)(nil)

// T9 is the engine read through a phone's keypad.
func (e *Engine) T9() *T9 { return &T9{e: e} }

// keypad is the letters on each key.
var keypad = map[byte]string{'2': "abc", '3': "def", '4': "ghi", '5': "jkl", '6': "mno", '7': "pqrs", '8': "tuv", '9': "wxyz"}

// KeypadLetters returns the letters on digit key d ("" for another key).
func KeypadLetters(d byte) string { return keypad[d] }

// maxSpellings bounds the readings followed per key, against runaway
// digits; whole syllables leave few.
const maxSpellings = 256

// spellings returns the letter strings the digits may stand for, as
// syllables (see T9), each as long as digits.
func (t *T9) spellings(digits string) []string {
	ix := t.e.ix
	type state struct {
		s   string
		cur int // where the syllable being spelt starts in s
	}
	states := []state{{}}
	for i := 0; i < len(digits); i++ {
		d := digits[i]
		var next []state
		if d == '1' || d == '\'' {
			for _, st := range states {
				if cur := st.s[st.cur:]; cur != "" && ix.bySyl[cur] != nil {
					next = append(next, state{st.s + "'", len(st.s) + 1})
				}
			}
			states = next
			continue
		}
		letters := keypad[d]
		if letters == "" {
			return nil
		}
		for _, st := range states {
			cur := st.s[st.cur:]
			for j := 0; j < len(letters); j++ {
				l := letters[j : j+1]
				if ix.prefixes[cur+l] && (cur != "" || st.cur == 0 || st.s[st.cur-1] == '\'' || strings.IndexByte("aoe", l[0]) < 0) {
					next = append(next, state{st.s + l, st.cur})
				}
				if cur != "" && ix.bySyl[cur] != nil && ix.prefixes[l] && strings.IndexByte("aoe", l[0]) < 0 {
					next = append(next, state{st.s + l, len(st.s)})
				}
			}
		}
		if len(next) > maxSpellings {
			next = next[:maxSpellings]
		}
		states = next
	}
	seen := map[string]bool{}
	var out []string
	for _, st := range states {
		if !seen[st.s] && st.s != "" {
			seen[st.s] = true
			out = append(out, st.s)
		}
	}
	return out
}

// Spellings returns the pinyin the digits may be (for the keyboard's
// composing line), at most n, the first the one its best candidate reads.
func (t *T9) Spellings(digits string, n int) []string {
	sp := t.spellings(digits)
	return sp[:min(n, len(sp))]
}

// Candidates for the digits typed so far, best first, over every spelling.
// Letters counts digits: each digit is one letter.
func (t *T9) Candidates(digits string) []Candidate {
	var out []scored
	at := make(map[string]int, 512)
	reading, best := "", math.Inf(-1)
	for _, sp := range t.spellings(digits) {
		own := t.e.scoredFor(sp, nil, nil)
		for _, c := range own {
			if r := c.rank(); r > best {
				reading, best = sp, r
			}
			if i, ok := at[c.Text]; !ok {
				at[c.Text] = len(out)
				out = append(out, c)
			} else if c.before(out[i]) {
				out[i] = c
			}
		}
	}
	t.mu.Lock()
	t.digits, t.reading = digits, reading
	t.mu.Unlock()
	return sortScored(out)
}

// Reading is the pinyin the digits spell for the first candidate, for the
// keyboard to show instead of digits ("482453": huaile); the digits when
// they were not the last looked up.
func (t *T9) Reading(digits string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if digits == t.digits && t.reading != "" {
		return t.reading
	}
	return digits
}

// Associations are the engine's.
func (t *T9) Associations(picked string) []Candidate { return t.e.Associations(picked) }

// Valid reports whether the digits spell pinyin.
func (t *T9) Valid(digits string) bool { return len(t.spellings(digits)) > 0 }
