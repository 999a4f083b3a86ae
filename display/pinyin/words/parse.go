package words

import "strings"

// maxChars is the longest word the engine proposes (dictionary words have
// at most 4 characters; the community's own may have up to 6).
const maxChars = 6

// piece is the letters one character is typed with.
type piece struct {
	s string
	// abbrev: the letters may stand for any reading they begin: an initial
	// (jianpin: "d" for dian), or the last letters typed so far.
	abbrev bool
	// partial: a whole syllable that, at the end of the input, also stands
	// for longer ones ("xi" for xian); those rank after the syllable itself.
	partial bool
}

// initials are the letters pinyin syllables start with that may be typed
// alone for their syllable (zh, ch and sh as well as z, c and s).
var initials = map[string]bool{
	"b": true, "p": true, "m": true, "f": true, "d": true, "t": true, "n": true, "l": true,
	"g": true, "k": true, "h": true, "j": true, "q": true, "x": true, "zh": true, "ch": true,
	"sh": true, "r": true, "z": true, "c": true, "s": true, "y": true, "w": true,
}

func isSep(b byte) bool { return b == '\'' || b == ' ' }

// normalize keeps the letters (lower-cased) and separators of what was typed.
func normalize(input string) string {
	var b strings.Builder
	for i := 0; i < len(input); i++ {
		c := input[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z', isSep(c):
			b.WriteByte(c)
		}
	}
	return b.String()
}

// parses calls emit with every way of reading a beginning of s as pieces,
// one a character, and how many bytes of s they take. A piece is a whole
// syllable, an initial, or (at the end) the start of a syllable; a syllable
// starting with a, o or e begins the input or follows a separator, as in
// written pinyin (xi'an), so "xian" is 先, never 西安.
//
// splits counts the pieces cut where their syllable could go on ("xia|n"
// for xian, "s|h" for sh): such readings rank after the greedy one.
func (ix *index) parses(s string, emit func(ps []piece, end, splits int)) {
	var ps []piece
	splits := 0
	var walk func(i int)
	walk = func(i int) {
		if len(ps) > 0 {
			emit(ps, i, splits)
		}
		if len(ps) == maxChars {
			return
		}
		start, sep := i, i == 0
		for start < len(s) && isSep(s[start]) {
			start, sep = start+1, true
		}
		for j := start + 1; j <= len(s) && !isSep(s[j-1]); j++ {
			p := s[start:j]
			if !ix.prefixes[p] || (!sep && strings.IndexByte("aoe", p[0]) >= 0) {
				return
			}
			last := j == len(s) || strings.TrimLeft(s[j:], "' ") == ""
			syl := ix.bySyl[p] != nil
			if !syl && !initials[p] && !last {
				continue
			}
			if !last && !ix.canStart(s, j) {
				continue
			}
			split := 0
			if !last && ix.prefixes[s[start:j+1]] {
				split = 1
			}
			ps = append(ps, piece{s: p, abbrev: initials[p] || last, partial: last && syl && !initials[p]})
			splits += split
			walk(j)
			splits -= split
			ps = ps[:len(ps)-1]
		}
	}
	walk(0)
}

// canStart reports whether a piece can begin at s[i:].
func (ix *index) canStart(s string, i int) bool {
	sep := false
	for i < len(s) && isSep(s[i]) {
		i, sep = i+1, true
	}
	if i == len(s) {
		return true
	}
	return ix.prefixes[s[i:i+1]] && (sep || strings.IndexByte("aoe", s[i]) < 0)
}

// Valid reports whether all of input can be read as pinyin: the keyboard
// greys out the letters after which it could not.
func (e *Engine) Valid(input string) bool {
	s := normalize(input)
	if s == "" {
		return false
	}
	ok := false
	e.ix.parses(s, func(_ []piece, end, _ int) { ok = ok || strings.TrimLeft(s[end:], "' ") == "" })
	return ok
}
