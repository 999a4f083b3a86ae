package words

import "strings"

// PageSize is how many candidates the keyboard shows at once.
const PageSize = 8

// Composer is the keyboard's state over a Source: the text written, the
// letters composing, and the candidates for them, a page at a time. After
// a pick the letters it did not use stay composing ("diantihuaile", pick
// 电梯: "huaile"); once none are left, the candidates are associations
// for what was picked, until the next letter.
type Composer struct {
	Source Source
	// Limit is the most characters Text may hold; 0 means no limit.
	Limit int
	// Page is how many candidates a page holds; 0 means PageSize.
	Page int

	text  []rune
	input string
	page  int
	cands []Candidate
}

// Text returns what has been written.
func (c *Composer) Text() string { return string(c.text) }

// SetText replaces what has been written and clears the letters.
func (c *Composer) SetText(s string) {
	c.text = []rune(s)
	c.set("", nil)
}

// Input returns the letters composing.
func (c *Composer) Input() string { return c.input }

// Associating reports whether the candidates are associations (no letters
// composing).
func (c *Composer) Associating() bool { return c.input == "" && len(c.cands) > 0 }

// Letter adds a letter a to z (or ' between syllables; or a digit key of
// a phone keypad, for a T9 source); it reports false, and changes nothing,
// for anything else or when the source could not read the input then.
func (c *Composer) Letter(r rune) bool {
	if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '\'' {
		return false
	}
	next := c.input + string(r)
	if !c.Source.Valid(next) {
		return false
	}
	c.set(next, c.Source.Candidates(next))
	return true
}

// Candidates returns the current page.
func (c *Composer) Candidates() []Candidate {
	n := c.pageLen()
	start := c.page * n
	if start >= len(c.cands) {
		return nil
	}
	return c.cands[start:min(start+n, len(c.cands))]
}

// HasNext and HasPrev report whether there are more pages.
func (c *Composer) HasNext() bool { return (c.page+1)*c.pageLen() < len(c.cands) }
func (c *Composer) HasPrev() bool { return c.page > 0 }

// Next and Prev turn the page.
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

// Pick writes the i-th candidate of the page; the letters it stood for
// leave the input.
func (c *Composer) Pick(i int) bool {
	page := c.Candidates()
	if i < 0 || i >= len(page) {
		return false
	}
	p := page[i]
	if !c.fits(len([]rune(p.Text))) {
		return false
	}
	c.text = append(c.text, []rune(p.Text)...)
	rest := strings.TrimLeft(c.input[min(p.Letters, len(c.input)):], "' ")
	if rest != "" {
		c.set(rest, c.Source.Candidates(rest))
		return true
	}
	c.set("", c.Source.Associations(p.Text))
	return true
}

// Put writes a character as it is (digit, punctuation, space).
func (c *Composer) Put(r rune) bool {
	if !c.fits(1) {
		return false
	}
	c.text = append(c.text, r)
	if c.input == "" {
		c.set("", nil)
	}
	return true
}

// Backspace removes the last letter, or else the last character written.
func (c *Composer) Backspace() {
	switch {
	case c.input != "":
		in := c.input[:len(c.input)-1]
		var cands []Candidate
		if in != "" {
			cands = c.Source.Candidates(in)
		}
		c.set(in, cands)
	case len(c.text) > 0:
		c.text = c.text[:len(c.text)-1]
		c.set("", nil)
	}
}

func (c *Composer) set(input string, cands []Candidate) {
	c.input, c.page, c.cands = input, 0, cands
}

func (c *Composer) pageLen() int {
	if c.Page > 0 {
		return c.Page
	}
	return PageSize
}

func (c *Composer) fits(n int) bool { return c.Limit == 0 || len(c.text)+n <= c.Limit }
