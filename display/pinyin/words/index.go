package words

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// indexText is embedded as a string: it stays in the binary's read-only
// data, and the words are slices of it, so loading copies none of it.
//
//go:embed index.txt
var indexText string

// The characters the index covers lie in the CJK Unified Ideographs block;
// a dense table over it is smaller and faster than a map.
const (
	firstHan = 0x4e00
	lastHan  = 0x9fff
)

// entry is a word of the dictionary: its text, a slice of the index's one
// big string, and its frequency. sig holds, for its characters after the
// first, the first letters of their readings (sigBits a character, letter
// modulo sigBits), to skip most words without decoding them; its top bits
// hold the word's length in bytes.
type entry struct {
	sig  uint64
	off  uint32
	freq uint32
}

const sigBits = 20

func (e entry) bytes() uint32 { return uint32(e.sig >> 60 * 3) }

// charInfo is what the index knows of one character.
type charInfo struct {
	freq     uint32
	readings []string // toneless, the usual one first
	letters  uint32   // bit (l-'a') % sigBits for the first letter l of each reading
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
	return ix.text[e.off : e.off+e.bytes()]
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
	ix := &index{
		text:     indexText,
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
			sp := strings.IndexByte(line, ' ')
			if sp < 6 || sp%3 != 0 {
				return fmt.Errorf("bad word line %q", line)
			}
			text := line[:sp]
			n, err := atou(line[sp+1:])
			first := han3(text)
			c := ix.char(first)
			if err != nil || c == nil {
				return fmt.Errorf("bad word line %q", line)
			}
			i := int32(len(ix.entries))
			sig, ok := ix.signature(text)
			if !ok {
				return fmt.Errorf("bad word line %q", line)
			}
			ix.entries = append(ix.entries, entry{sig, uint32(off), n})
			if first != cur {
				cur = first
				c.runs = [4]int32{i, i, i, i}
			}
			for l := len(text)/3 - 1; l < 4; l++ {
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

// signature is an entry's sig (see entry) for text, whose characters all
// lie in the CJK block (3 bytes each in UTF-8).
func (ix *index) signature(text string) (uint64, bool) {
	n := len(text) / 3
	if n < 2 || n > 4 {
		return 0, false
	}
	sig := uint64(n) << 60
	for i := 1; i < n; i++ {
		c := ix.char(han3(text[3*i:]))
		if c == nil {
			return 0, false
		}
		sig |= uint64(c.letters) << ((i - 1) * sigBits)
	}
	return sig, true
}

// han3 decodes the 3-byte UTF-8 character s starts with (-1 if it is not
// one): the loader's fast path, the index holding nothing else.
func han3(s string) rune {
	if len(s) < 3 || s[0]&0xf0 != 0xe0 || s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 {
		return -1
	}
	return rune(s[0]&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f)
}

// atou parses a decimal frequency.
func atou(s string) (uint32, error) {
	if len(s) == 0 || len(s) > 9 {
		return 0, fmt.Errorf("bad frequency %q", s)
	}
	n := uint32(0)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("bad frequency %q", s)
		}
		n = n*10 + uint32(s[i]-'0')
	}
	return n, nil
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
		c.letters |= 1 << ((syl[0] - 'a') % sigBits)
		ix.bySyl[syl] = append(ix.bySyl[syl], r)
	}
	return nil
}
