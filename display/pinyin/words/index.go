package words

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed index.txt.gz
var indexGz []byte

// The characters the index covers lie in the CJK Unified Ideographs block;
// a dense table over it is smaller and faster than a map.
const (
	firstHan = 0x4e00
	lastHan  = 0x9fff
)

// entry is a word of the dictionary: its text, a slice of the index's one
// big string, and its frequency.
type entry struct {
	off  uint32
	n    uint16
	freq uint32
}

// charInfo is what the index knows of one character.
type charInfo struct {
	freq     uint32
	readings []string // toneless, the usual one first
	// runs[0]..runs[3] bound the words of 2, 3 and 4 characters that
	// start with this character.
	runs [4]int32
}

// index is the loaded dictionary: read-only once built.
type index struct {
	text      string
	entries   []entry
	chars     []charInfo // by rune - firstHan; readings nil where none
	bySyl     map[string][]rune
	syllables []string
	prefixes  map[string]bool // every non-empty prefix of a syllable
}

func (ix *index) word(i int32) string {
	e := ix.entries[i]
	return ix.text[e.off : e.off+uint32(e.n)]
}

func (ix *index) char(r rune) *charInfo {
	if r < firstHan || r > lastHan {
		return nil
	}
	c := &ix.chars[r-firstHan]
	if c.readings == nil {
		return nil
	}
	return c
}

// loadIndex reads the embedded index.
func loadIndex() (*index, error) {
	z, err := gzip.NewReader(bytes.NewReader(indexGz))
	if err != nil {
		return nil, fmt.Errorf("load pinyin index: %w", err)
	}
	var b strings.Builder
	b.Grow(4500000)
	if _, err := io.Copy(&b, z); err != nil {
		return nil, fmt.Errorf("load pinyin index: %w", err)
	}
	ix := &index{
		text:     b.String(),
		chars:    make([]charInfo, lastHan-firstHan+1),
		bySyl:    map[string][]rune{},
		prefixes: map[string]bool{},
	}
	if err := ix.parse(); err != nil {
		return nil, fmt.Errorf("load pinyin index: %w", err)
	}
	return ix, nil
}

func (ix *index) parse() error {
	s := ix.text
	pos, inWords := 0, false
	interned := map[string]string{}
	ix.entries = make([]entry, 0, 350000)
	var cur rune = -1
	for pos < len(s) {
		end := strings.IndexByte(s[pos:], '\n')
		if end < 0 {
			return fmt.Errorf("index ends without a newline")
		}
		line, off := s[pos:pos+end], pos
		pos += end + 1
		switch {
		case line == "" || line[0] == '#':
		case line == "=":
			inWords = true
		case !inWords:
			if err := ix.parseChar(line, interned); err != nil {
				return err
			}
		default:
			text, freq, ok := strings.Cut(line, " ")
			n, err := strconv.ParseUint(freq, 10, 32)
			first, _ := utf8.DecodeRuneInString(text)
			c := ix.char(first)
			if !ok || err != nil || c == nil {
				return fmt.Errorf("bad word line %q", line)
			}
			i := int32(len(ix.entries))
			ix.entries = append(ix.entries, entry{uint32(off), uint16(len(text)), uint32(n)})
			if first != cur {
				cur = first
				c.runs = [4]int32{i, i, i, i}
			}
			for l := utf8.RuneCountInString(text) - 1; l < 4; l++ {
				c.runs[l] = i + 1
			}
		}
	}
	for syl := range ix.bySyl {
		ix.syllables = append(ix.syllables, syl)
		for i := 1; i <= len(syl); i++ {
			ix.prefixes[syl[:i]] = true
		}
	}
	return nil
}

func (ix *index) parseChar(line string, interned map[string]string) error {
	f := strings.Fields(line)
	if len(f) != 3 {
		return fmt.Errorf("bad character line %q", line)
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	n, err := strconv.ParseUint(f[1], 10, 32)
	if err != nil || r < firstHan || r > lastHan {
		return fmt.Errorf("bad character line %q", line)
	}
	c := &ix.chars[r-firstHan]
	c.freq = uint32(n)
	for _, syl := range strings.Split(f[2], ",") {
		if in, ok := interned[syl]; ok {
			syl = in
		} else {
			interned[syl] = syl
		}
		c.readings = append(c.readings, syl)
		ix.bySyl[syl] = append(ix.bySyl[syl], r)
	}
	return nil
}
