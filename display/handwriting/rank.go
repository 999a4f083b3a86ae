package handwriting

import "strings"

// components are radicals and single strokes the model proposes as
// characters but that residents do not write on their own: 囗 (the
// enclosure) for 口, 亻 for 人, 彐 for 三 and so on.
const components = "囗亻氵扌犭彳廴辶冫宀艹巛彐丨丶丿乛冖讠钅饣纟忄阝刂卩厶廾彡攵疒礻衤匚冂凵勹亠爿"

// alike are components that look the same as a common character: a
// resident who draws a box means 口, and the model often says 囗 for it
// without 口 among its candidates.
var alike = map[string]string{"囗": "口", "亻": "人"}

// Rank puts candidates that are components (radicals, lone strokes) after
// the characters, keeping the recogniser's order within each group; a
// component that looks like a common character proposes that character in
// its place, unless it is already there.
func Rank(cands []Candidate) []Candidate {
	out := make([]Candidate, 0, len(cands)+1)
	var later []Candidate
	has := map[string]bool{}
	for _, c := range cands {
		has[c.Char] = true
	}
	for _, c := range cands {
		if c.Char == "" || !strings.Contains(components, c.Char) {
			out = append(out, c)
			continue
		}
		if a, ok := alike[c.Char]; ok && !has[a] {
			has[a] = true
			out = append(out, Candidate{Char: a, Score: c.Score})
		}
		later = append(later, c)
	}
	return append(out, later...)
}
