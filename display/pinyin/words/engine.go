package words

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Candidate is a word or character the keyboard offers.
type Candidate struct {
	Text string
	// Letters is how many bytes of the input, from its start, the candidate
	// stands for (separators included); the keyboard keeps the rest
	// composing after a pick. 0 for an association. The input is expected
	// to hold letters and separators only (other bytes are skipped, and
	// would not be counted).
	Letters int
}

// Source is what the on-screen keyboard asks, per keystroke and per pick.
type Source interface {
	// Candidates for the letters typed so far, best first.
	Candidates(input string) []Candidate
	// Associations: likely next words after picked was written.
	Associations(picked string) []Candidate
	// Valid: whether input can be read as pinyin (to grey out keys).
	Valid(input string) bool
}

var _ Source = (*Engine)(nil)

// Weights of the ranking (multipliers of a frequency).
const (
	// A character offered through a reading that is not its usual one
	// (是 for "ti"); it also comes after every character read that way.
	charSecondary = 0.01
	// A word matched through such a reading: the word's frequency counts
	// all its readings, so lower it too (说话 is not "yh").
	wordSecondary = 0.01
	// A second reading as usual as the first (地 as de, 行 as háng, see
	// usual): the character's frequency counts both.
	usualSecondary = 0.3
	// A whole syllable at the end of the input also standing for longer
	// ones ("xi" offering 先 after 西).
	longerSyllable = 0.05
	// The community's own words.
	communityBoost = 40
	// Frequency given to a community word the dictionary lacks.
	communityFreq = 2000
)

// enough candidates: ten pages. Candidates stops reading the input in
// worse ways once it has found this many in better ones.
const enough = 10 * PageSize

// Engine proposes words for typed pinyin. Build it with New; it is then
// read-only, safe for concurrent use.
type Engine struct {
	ix *index
	// boost: the community's words, ranked up.
	boost map[string]bool
	// extra are community words the dictionary lacks, by first character.
	extra map[rune][]string
	// follow: words the community's phrases write after a word.
	follow map[string][]string
}

// New loads the embedded index and adds the community's vocabulary: the
// built-in governance words and vocab (the kiosk's topic names, phrases,
// street and building names). A phrase is split at punctuation and spaces;
// a part of up to 6 characters becomes a word; the dictionary words inside
// a part are boosted, and the order they come in feeds associations.
func New(vocab []string) (*Engine, error) {
	ix, err := loadIndex()
	if err != nil {
		return nil, err
	}
	e := &Engine{ix: ix, boost: map[string]bool{}, extra: map[rune][]string{}, follow: map[string][]string{}}
	for _, v := range append(strings.Fields(Governance), vocab...) {
		e.learn(v)
	}
	return e, nil
}

// Candidates returns what input (letters, with ' or space between
// syllables if the resident wants) may stand for, best first (see
// scored.before): the candidates taking more of the input first, so words
// taking all of it before single characters; then by frequency. Once the
// better readings of the input give enough candidates (ten pages), the
// worse ones are not looked at.
func (e *Engine) Candidates(input string) []Candidate {
	return sortScored(e.scoredFor(normalize(input), nil, nil))
}

// scoredFor adds to out (at: the index in out of each text) the candidates
// s may stand for, keeping the better of two for one text.
func (e *Engine) scoredFor(s string, out []scored, at map[string]int) []scored {
	if at == nil {
		at = make(map[string]int, 512)
	}
	type parse struct {
		ps          []piece
		end, splits int
	}
	var all []parse
	e.ix.parses(s, func(ps []piece, end, splits int) {
		all = append(all, parse{slices.Clone(ps), end, splits})
	})
	// Best tiers first (more letters taken, fewer splits); once a tier
	// leaves enough candidates for the pages a resident turns, stop.
	slices.SortStableFunc(all, func(a, b parse) int {
		return cmp.Or(cmp.Compare(b.end, a.end), cmp.Compare(a.splits, b.splits))
	})
	for i, p := range all {
		if i > 0 && (p.end != all[i-1].end || p.splits != all[i-1].splits) && len(out) >= enough {
			break
		}
		e.collect(p.ps, func(text string, rare bool, score float64) {
			c := scored{Candidate{text, p.end}, p.splits, rare, score}
			if i, ok := at[text]; !ok {
				at[text] = len(out)
				out = append(out, c)
			} else if c.before(out[i]) {
				out[i] = c
			}
		})
	}
	return out
}

// sortScored orders candidates best first. It sorts on one number (see
// rank) rather than with before: lookups of initials sort thousands of
// candidates per keystroke.
func sortScored(out []scored) []Candidate {
	order := make([]ranked, len(out))
	for i, c := range out {
		order[i] = ranked{c.rank(), int32(i)}
	}
	slices.SortFunc(order, func(a, b ranked) int {
		if a.key != b.key {
			return cmp.Compare(b.key, a.key)
		}
		return strings.Compare(out[a.i].Text, out[b.i].Text)
	})
	cands := make([]Candidate, len(out))
	for i, o := range order {
		cands[i] = out[o.i].Candidate
	}
	return cands
}

type scored struct {
	Candidate
	splits int
	rare   bool // a character offered only through a reading it rarely has
	score  float64
}

// before orders candidates: those taking more of the input first (so
// words taking all of it come before single characters, which take one
// syllable), then those reading it greedily ("fang" is 方 before 反g…,
// "sh" 是 before s+h words); characters through a rare reading after the
// others; then by score.
func (a scored) before(b scored) bool {
	if a.Letters != b.Letters {
		return a.Letters > b.Letters
	}
	if a.splits != b.splits {
		return a.splits < b.splits
	}
	if a.rare != b.rare {
		return b.rare
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.Text < b.Text
}

type ranked struct {
	key float64
	i   int32
}

// rank is a number ordering as before does, highest first: the score, a
// natural log of a frequency times weights, lies within ±100.
func (a scored) rank() float64 {
	k := float64(a.Letters)*1e6 - float64(a.splits)*1e4 + max(-100, min(100, a.score))
	if a.rare {
		k -= 1000
	}
	return k
}

// collect adds the characters or words the pieces ps spell.
func (e *Engine) collect(ps []piece, add func(text string, rare bool, score float64)) {
	ix := e.ix
	for _, syl := range ix.syllables {
		if syl != ps[0].s && !(ps[0].abbrev && strings.HasPrefix(syl, ps[0].s)) {
			continue
		}
		for _, r := range ix.bySyl[syl] {
			c := ix.char(r)
			if syl != c.readings[0] && ix.bySylFirst(r, ps[0]) {
				continue // reached through its usual reading on another pass
			}
			if len(ps) == 1 {
				w, rare := match(r, c, ps[0], true)
				add(string(r), rare, math.Log(e.freqOf(string(r), c.freq)*w))
				continue
			}
			if len(ps) <= 4 {
				need := uint64(0)
				for k, p := range ps[1:] {
					need |= 1 << ((uint64(p.s[0]-'a') % sigBits) + uint64(k*sigBits))
				}
				for i := c.runs[len(ps)-2]; i < c.runs[len(ps)-1]; i++ {
					if ix.entries[i].sig&need != need {
						continue
					}
					text := ix.word(i)
					if m := e.matchRest(text, ps); m > 0 {
						add(text, false, math.Log(e.freqOf(text, ix.entries[i].freq)*m))
					}
				}
			}
			for _, text := range e.extra[r] {
				if utf8.RuneCountInString(text) == len(ps) {
					if m := e.matchRest(text, ps); m > 0 {
						add(text, false, math.Log(e.freqOf(text, 0)*m))
					}
				}
			}
		}
	}
}

// bySylFirst reports whether r's usual reading also fits p, so that the
// pass over that syllable covers r.
func (ix *index) bySylFirst(r rune, p piece) bool {
	first := ix.char(r).readings[0]
	return first == p.s || p.abbrev && strings.HasPrefix(first, p.s)
}

// matchRest is the weight with which the characters of text fit ps, one
// a piece (0: they do not).
func (e *Engine) matchRest(text string, ps []piece) float64 {
	w := 1.0
	i := 0
	for _, r := range text {
		c := e.ix.char(r)
		if c == nil {
			return 0
		}
		m, _ := match(r, c, ps[i], false)
		if m == 0 {
			return 0
		}
		w *= m
		i++
	}
	return w
}

// match is the weight with which character c fits piece p (0 if none of
// its readings does), and whether only a rarely used reading does.
func match(r rune, c *charInfo, p piece, single bool) (best float64, rare bool) {
	for i, syl := range c.readings {
		w := 1.0
		switch {
		case syl == p.s:
		case p.abbrev && strings.HasPrefix(syl, p.s):
			if p.partial {
				w = longerSyllable
			}
		default:
			continue
		}
		isRare := false
		switch {
		case i == 0:
		case usual[string(r)+syl]:
			w *= usualSecondary
		case single:
			w, isRare = w*charSecondary, true
		default:
			w *= wordSecondary
		}
		if best == 0 || rare && !isRare || rare == isRare && w > best {
			best, rare = w, isRare
		}
	}
	return best, rare
}

// freqOf is the frequency text ranks by: the dictionary's, or for a word of
// the community's, at least communityFreq, times communityBoost.
func (e *Engine) freqOf(text string, freq uint32) float64 {
	if e.boost[text] {
		return (float64(freq) + communityFreq) * communityBoost
	}
	return float64(freq)
}
