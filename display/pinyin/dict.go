package pinyin

import (
	"sort"
	"strings"
	"sync"

	gopinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
)

// Dict maps toneless pinyin syllables to hanzi, most common first.
type Dict struct {
	bySyllable map[string][]rune
	syllables  []string // sorted, for prefix search
	rank       map[rune]int
}

var (
	defaultOnce sync.Once
	defaultDict *Dict
)

// Default returns the dictionary of the GB2312 characters (the 6,763 hanzi
// every mainland reader knows the common ones of), built once from
// go-pinyin's readings.
func Default() *Dict {
	defaultOnce.Do(func() { defaultDict = build() })
	return defaultDict
}

// rank orders characters: those of the common list first, in its order;
// then GB2312 level 1 (the 3,755 most used), then level 2, each in code order.
func rankOf(r rune, common map[rune]int) (int, bool) {
	if i, ok := common[r]; ok {
		return i, true
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
	if err != nil || len(b) != 2 || b[0] < 0xB0 || b[0] > 0xF7 || b[1] < 0xA1 {
		return 0, false // not a GB2312 hanzi
	}
	return 10000 + int(b[0])<<8 | int(b[1]), true
}

func build() *Dict {
	common := map[rune]int{}
	for _, r := range commonChars {
		if _, dup := common[r]; !dup {
			common[r] = len(common)
		}
	}
	d := &Dict{bySyllable: map[string][]rune{}, rank: map[rune]int{}}
	for code, readings := range gopinyin.PinyinDict {
		r := rune(code)
		rk, ok := rankOf(r, common)
		if !ok {
			continue
		}
		d.rank[r] = rk
		seen := map[string]bool{}
		for _, p := range strings.Split(readings, ",") {
			s := toneless(p)
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			d.bySyllable[s] = append(d.bySyllable[s], r)
		}
	}
	for s, rs := range d.bySyllable {
		sort.Slice(rs, func(i, j int) bool { return d.rank[rs[i]] < d.rank[rs[j]] })
		d.syllables = append(d.syllables, s)
	}
	sort.Strings(d.syllables)
	return d
}

// toneless turns "lǜ" into "lv", "míng" into "ming".
func toneless(p string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(p) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == 0x308: // combining diaeresis: ü
			s := b.String()
			if strings.HasSuffix(s, "u") {
				b.Reset()
				b.WriteString(s[:len(s)-1] + "v")
			}
		}
	}
	return b.String()
}

// Candidates returns the hanzi for what was typed, most common first:
// those whose syllable is exactly the input, then those whose syllable
// starts with it (so "w" already offers 我).
func (d *Dict) Candidates(input string) []rune {
	if input == "" {
		return nil
	}
	exact := d.bySyllable[input]
	var prefix []rune
	i := sort.SearchStrings(d.syllables, input)
	for ; i < len(d.syllables) && strings.HasPrefix(d.syllables[i], input); i++ {
		if d.syllables[i] != input {
			prefix = append(prefix, d.bySyllable[d.syllables[i]]...)
		}
	}
	sort.SliceStable(prefix, func(a, b int) bool { return d.rank[prefix[a]] < d.rank[prefix[b]] })
	out := make([]rune, 0, len(exact)+len(prefix))
	seen := map[rune]bool{}
	for _, r := range append(append([]rune{}, exact...), prefix...) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	if len(exact) == 0 {
		// Only partial syllables: rank all together.
		sort.SliceStable(out, func(a, b int) bool { return d.rank[out[a]] < d.rank[out[b]] })
	}
	return out
}

// Valid reports whether some syllable starts with input: the keyboard greys
// out letters that lead nowhere.
func (d *Dict) Valid(input string) bool {
	i := sort.SearchStrings(d.syllables, input)
	return i < len(d.syllables) && strings.HasPrefix(d.syllables[i], input)
}
