package hub

import (
	"strings"
	"unicode"
)

// SearchTerms splits text into the terms the inbox search indexes: for
// each run of Chinese characters, its pairs of neighbouring characters in
// order, then its last character alone (so 灯, 路灯 or 路灯不亮 are found
// without a word list: a phrase of pairs matches exactly where they follow
// each other, and one character is the start of a pair or a run's last);
// and every run of letters or digits, lower-cased.
func SearchTerms(s string) []string {
	var out []string
	var han []rune
	var word strings.Builder
	flushHan := func() {
		for i := 0; i+1 < len(han); i++ {
			out = append(out, string(han[i:i+2]))
		}
		if len(han) > 0 {
			out = append(out, string(han[len(han)-1]))
		}
		han = han[:0]
	}
	flushWord := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word.WriteRune(unicode.ToLower(r))
		default:
			flushHan()
			flushWord()
		}
	}
	flushHan()
	flushWord()
	return out
}

// SearchQuery turns what a worker typed into a full-text query over
// SearchTerms: each Chinese run as the phrase of its pairs (or its one
// character), each word as a prefix, all of them required. It returns ""
// when nothing searchable was typed.
func SearchQuery(s string) string {
	var parts []string
	var han []rune
	flushHan := func() {
		switch len(han) {
		case 0:
		case 1:
			parts = append(parts, `"`+string(han)+`"*`)
		default:
			pairs := make([]string, 0, len(han)-1)
			for i := 0; i+1 < len(han); i++ {
				pairs = append(pairs, string(han[i:i+2]))
			}
			parts = append(parts, `"`+strings.Join(pairs, " ")+`"`)
		}
		han = han[:0]
	}
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			parts = append(parts, `"`+word.String()+`"*`)
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word.WriteRune(unicode.ToLower(r))
		default:
			flushHan()
			flushWord()
		}
	}
	flushHan()
	flushWord()
	return strings.Join(parts, " AND ")
}
