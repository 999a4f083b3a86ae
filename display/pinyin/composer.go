package pinyin

// PageSize is how many candidates the keyboard shows at once.
const PageSize = 8

// Composer turns key taps into text: letters build a pinyin syllable, the
// candidate bar offers hanzi for it, a pick writes the hanzi and clears the
// letters. Other keys (digits, punctuation, space) write themselves.
type Composer struct {
	Dict *Dict
	// Limit is the most characters Text may hold; 0 means no limit.
	Limit int

	text  []rune
	input string
	page  int
	cands []rune
	pairs map[[2]rune]bool // learned words: after a, offer b first
}

// Learn adds words (separated by anything that is not a hanzi) whose
// characters the composer offers first after the one before them: typing
// "ji" after 垃 offers 圾 at once.
func (c *Composer) Learn(words string) {
	if c.pairs == nil {
		c.pairs = map[[2]rune]bool{}
	}
	rs := []rune(words)
	for i := 1; i < len(rs); i++ {
		if isHan(rs[i-1]) && isHan(rs[i]) {
			c.pairs[[2]rune{rs[i-1], rs[i]}] = true
		}
	}
}

func isHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }

// ranked puts the candidates that follow the last character written in a
// learned word first, keeping the order otherwise.
func (c *Composer) ranked(cands []rune) []rune {
	if len(c.text) == 0 || len(c.pairs) == 0 {
		return cands
	}
	prev := c.text[len(c.text)-1]
	out := make([]rune, 0, len(cands))
	for _, r := range cands {
		if c.pairs[[2]rune{prev, r}] {
			out = append(out, r)
		}
	}
	for _, r := range cands {
		if !c.pairs[[2]rune{prev, r}] {
			out = append(out, r)
		}
	}
	return out
}

// Text returns what has been written.
func (c *Composer) Text() string { return string(c.text) }

// SetText replaces what has been written and clears the letters.
func (c *Composer) SetText(s string) {
	c.text = []rune(s)
	c.clearInput()
}

// Input returns the letters typed for the current syllable.
func (c *Composer) Input() string { return c.input }

// Letter adds a letter to the syllable; it reports false (and changes
// nothing) when no syllable starts that way.
func (c *Composer) Letter(r rune) bool {
	next := c.input + string(r)
	if !c.Dict.Valid(next) {
		return false
	}
	c.input, c.page = next, 0
	c.cands = c.ranked(c.Dict.Candidates(next))
	return true
}

// Candidates returns the current page of candidates.
func (c *Composer) Candidates() []rune {
	start := c.page * PageSize
	if start >= len(c.cands) {
		return nil
	}
	return c.cands[start:min(start+PageSize, len(c.cands))]
}

// HasNext and HasPrev report whether there are more pages.
func (c *Composer) HasNext() bool { return (c.page+1)*PageSize < len(c.cands) }
func (c *Composer) HasPrev() bool { return c.page > 0 }

// Next and Prev page through the candidates.
func (c *Composer) Next() {
	if c.HasNext() {
		c.page++
	}
}
func (c *Composer) Prev() {
	if c.HasPrev() {
		c.page--
	}
}

// Pick writes the i-th candidate of the current page.
func (c *Composer) Pick(i int) bool {
	page := c.Candidates()
	if i < 0 || i >= len(page) || !c.fits(1) {
		return false
	}
	c.text = append(c.text, page[i])
	c.clearInput()
	return true
}

// Put writes a character as it is (digit, punctuation, space, a letter in
// English mode).
func (c *Composer) Put(r rune) bool {
	if !c.fits(1) {
		return false
	}
	c.text = append(c.text, r)
	return true
}

// Backspace removes the last letter typed, or else the last character written.
func (c *Composer) Backspace() {
	if c.input != "" {
		c.input = c.input[:len(c.input)-1]
		c.page = 0
		c.cands = c.ranked(c.Dict.Candidates(c.input))
		return
	}
	if len(c.text) > 0 {
		c.text = c.text[:len(c.text)-1]
	}
}

func (c *Composer) clearInput() {
	c.input, c.page, c.cands = "", 0, nil
}

func (c *Composer) fits(n int) bool { return c.Limit == 0 || len(c.text)+n <= c.Limit }
