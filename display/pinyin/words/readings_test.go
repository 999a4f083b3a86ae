package words_test

import (
	"fmt"
	"slices"
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/encoding/simplifiedchinese"

	"opinionwall/display/pinyin"
	"opinionwall/display/pinyin/words"
)

// wrongReadings: for each syllable, characters read that way that must all
// come before characters offered only through a reading they rarely have.
var wrongReadings = []struct {
	input       string
	right, rare []string
}{
	{"ti", []string{"提", "题", "体"}, []string{"是", "达", "折"}},
	{"yi", []string{"一", "以", "已", "意"}, []string{"失", "台", "施", "奇"}},
	{"huai", []string{"坏", "怀"}, []string{"圳"}},
	{"de", []string{"的", "得", "地"}, []string{"底"}},
	{"hang", []string{"行"}, []string{"吭"}},
}

// readingFaults lists the violations of wrongReadings by a ranking (a rare
// one before a right one, or before any common character, one of GB2312's
// level 1, whose usual reading, by go-pinyin without heteronyms, is the
// syllable typed), and an "n" whose first candidate is 而 or 哏.
func readingFaults(rank func(string) []string) []string {
	var faults []string
	for _, tc := range wrongReadings {
		got := rank(tc.input)
		for i, c := range got {
			for _, w := range tc.rare {
				if j := slices.Index(got, w); j >= 0 && j < i && usualReading(c) == tc.input && level1(c) {
					faults = append(faults, fmt.Sprintf("%s: %s (%d) before %s (%d)", tc.input, w, j+1, c, i+1))
				}
			}
		}
		for _, r := range tc.right {
			i := slices.Index(got, r)
			for _, w := range tc.rare {
				if j := slices.Index(got, w); i < 0 || j >= 0 && j < i {
					faults = append(faults, tc.input+": "+w+" before "+r)
				}
			}
		}
	}
	if got := rank("n"); len(got) == 0 || got[0] == "而" || got[0] == "哏" {
		faults = append(faults, fmt.Sprintf("n: first %v", got[:min(1, len(got))]))
	}
	return faults
}

func TestRightReadingsFirst(t *testing.T) {
	e := mustNew(t, nil)
	for _, f := range readingFaults(func(in string) []string { return texts(e.Candidates(in)) }) {
		t.Error(f)
	}
}

// TestOldRankingHadWrongReadings keeps the proof that the table catches the
// defect: display/pinyin's character ranking (the keyboard before this
// package) fails it.
func TestOldRankingHadWrongReadings(t *testing.T) {
	d := pinyin.Default()
	faults := readingFaults(func(in string) []string {
		var out []string
		for _, r := range d.Candidates(in) {
			out = append(out, string(r))
		}
		return out
	})
	t.Logf("display/pinyin: %d faults, the first: %q", len(faults), faults[:min(8, len(faults))])
	if len(faults) == 0 {
		t.Error("display/pinyin passes the table: it no longer guards anything")
	}
}

func usualReading(c string) string {
	p := gopinyin.LazyPinyin(c, gopinyin.NewArgs())
	if len(p) == 0 {
		return ""
	}
	return p[0]
}

// level1: GB2312's 3,755 commonest characters (first byte 0xB0 to 0xD7).
func level1(c string) bool {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(c))
	return err == nil && len(b) == 2 && b[0] >= 0xB0 && b[0] <= 0xD7
}

func mustNew(t testing.TB, vocab []string) *words.Engine {
	t.Helper()
	e, err := words.New(vocab)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func texts(cs []words.Candidate) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Text
	}
	return out
}
