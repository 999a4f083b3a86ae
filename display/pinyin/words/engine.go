package words

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Candidate is a word or character the keyboard offers.
type Candidate struct {
	Text string
	// Letters is how many bytes of the input, from its start, the candidate
	// stands for (separators included); the keyboard keeps the rest
	// composing after a pick. 0 for an association.
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
	wordSecondary = 0.05
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

// Engine proposes words for typed pinyin. Build it with New; it is then
// read-only and safe for use by one keyboard at a time (and, read-only, by
// several).
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
// taking all of it before single characters; then by frequency.
func (e *Engine) Candidates(input string) []Candidate {
	s := normalize(input)
	best := map[string]scored{}
	e.ix.parses(s, func(ps []piece, end, splits int) {
		e.collect(ps, func(text string, rare bool, score float64) {
			c := scored{Candidate{text, end}, splits, rare, score}
			if old, ok := best[text]; !ok || c.before(old) {
				best[text] = c
			}
		})
	})
	out := make([]scored, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].before(out[j]) })
	cands := make([]Candidate, len(out))
	for i, c := range out {
		cands[i] = c.Candidate
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
