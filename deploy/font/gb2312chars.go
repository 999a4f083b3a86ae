//go:build ignore

// Command gb2312chars prints every character of GB2312 (symbols, level-1
// and level-2 hanzi) plus printable ASCII, one string, for the font subset.
// Run by deploy/font/subset.sh.
package main

import (
	"fmt"
	"os"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for r := rune(0x20); r < 0x7f; r++ {
		out = append(out, r)
	}
	for hi := 0xA1; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			for _, r := range string(s) {
				if r != 0xFFFD && r >= 0x80 {
					out = append(out, r)
				}
			}
		}
	}
	// Typographic marks a screen may use beyond GB2312.
	out = append(out, []rune("…‘’“”·—–•→←↑↓✓✔✗×÷€¥")...)
	fmt.Fprint(os.Stdout, string(out))
}
