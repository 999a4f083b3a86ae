package words

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Associations proposes what may come after picked was written (联想): the
// rest of the community's phrases that begin with it first (房东 → 不维修),
// then the words those phrases write after it, then the rest of
// every dictionary word that begins with it (after 垃 the 圾 of 垃圾,
// after 电梯 the 间 of 电梯间), most frequent first. The dictionary has no
// word pairs, so its words split after picked are the bigrams; the
// community's phrases, segmented into words, add real next words.
func (e *Engine) Associations(picked string) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	first, _ := utf8.DecodeRuneInString(picked)
	for _, w := range e.extra[first] {
		if tail, ok := strings.CutPrefix(w, picked); ok && tail != "" && !seen[tail] {
			seen[tail] = true
			out = append(out, Candidate{Text: tail})
		}
	}
	for _, w := range e.follow[picked] {
		if !seen[w] {
			seen[w] = true
			out = append(out, Candidate{Text: w})
		}
	}
	type scored struct {
		text  string
		score float64
	}
	var rest []scored
	c := e.ix.char(first)
	n := utf8.RuneCountInString(picked)
	if c != nil && n < 4 {
		for i := c.runs[n-1]; i < c.runs[3]; i++ {
			w := e.ix.word(i)
			if tail, ok := strings.CutPrefix(w, picked); ok && !seen[tail] {
				seen[tail] = true
				rest = append(rest, scored{tail, e.freqOf(w, e.ix.entries[i].freq)})
			}
		}
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].score > rest[j].score })
	for _, s := range rest {
		out = append(out, Candidate{Text: s.text})
	}
	return out
}
