package hub

import (
	"strings"
	"unicode"
)

// runs calls fn for each run of Chinese characters (han true) and each run
// of letters or digits (lower-cased) in s, in order; anything else
// separates runs.
func runs(s string, fn func(run []rune, han bool)) {
	var cur []rune
	han := false
	flush := func() {
		if len(cur) > 0 {
			fn(cur, han)
			cur = cur[:0]
		}
	}
	for _, r := range s {
		isHan := unicode.Is(unicode.Han, r)
		switch {
		case isHan || unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(cur) > 0 && isHan != han {
				flush()
			}
			han = isHan
			cur = append(cur, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
}

// pairs returns the pairs of neighbouring characters of a run.
func pairs(run []rune) []string {
	out := make([]string, 0, len(run)-1)
	for i := 0; i+1 < len(run); i++ {
		out = append(out, string(run[i:i+2]))
	}
	return out
}

// SearchTerms splits text into the terms the inbox search indexes: for
// each run of Chinese characters, its pairs of neighbouring characters in
// order, then its last character alone (so 灯, 路灯 or 路灯不亮 are found
// without a word list: a phrase of pairs matches exactly where they follow
// each other, and one character is the start of a pair or a run's last);
// and every run of letters or digits, lower-cased.
func SearchTerms(s string) []string {
	var out []string
	runs(s, func(run []rune, han bool) {
		if !han {
			out = append(out, string(run))
			return
		}
		out = append(append(out, pairs(run)...), string(run[len(run)-1]))
	})
	return out
}

// SearchQuery turns what a worker typed into a full-text query over
// SearchTerms: each Chinese run as the phrase of its pairs (or its one
// character, as a prefix), each word as a prefix, all of them required. It
// returns "" when nothing searchable was typed.
func SearchQuery(s string) string {
	var parts []string
	runs(s, func(run []rune, han bool) {
		switch {
		case !han || len(run) == 1:
			parts = append(parts, `"`+string(run)+`"*`)
		default:
			parts = append(parts, `"`+strings.Join(pairs(run), " ")+`"`)
		}
	})
	return strings.Join(parts, " AND ")
}
