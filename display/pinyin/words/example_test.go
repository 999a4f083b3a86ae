package words_test

import (
	"fmt"

	"opinionwall/display/pinyin/words"
)

// The keyboard's calls: a Source per keystroke and per pick, through a
// Composer.
func Example() {
	// At kiosk start: the config's topic names, phrases, streets, buildings.
	e, err := words.New([]string{"白石洲", "房东不维修"})
	if err != nil {
		panic(err)
	}
	c := &words.Composer{Source: e, Limit: 200}
	for _, r := range "diantihuaile" {
		c.Letter(r) // false: refused; e.Valid(c.Input()+"x") greys a key out beforehand
	}
	first := c.Candidates()[0] // the page shown; c.Next() and c.Prev() turn it
	fmt.Println(first.Text, first.Letters)
	c.Pick(0)
	fmt.Printf("%s | %s\n", c.Text(), c.Input())
	c.Pick(0)
	fmt.Printf("%s | %q\n", c.Text(), c.Input())

	c.SetText("")
	for _, r := range "fd" {
		c.Letter(r)
	}
	c.Pick(0)
	fmt.Println(c.Text(), c.Associating(), c.Candidates()[0].Text)
	// Output:
	// 电梯 6
	// 电梯 | huaile
	// 电梯坏了 | ""
	// 房东 true 不维修
}
