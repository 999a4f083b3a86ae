package hub

import (
	"regexp"
	"strings"

	"opinionwall/kiosk"
)

// Redact removes personal data from a resident's text before it goes on the
// public wall or to a role that may not see contact details: phone and
// ID-card numbers are masked (as the kiosk does when a resident leaves no
// contact), also when written with dots or commas between the groups or in
// Chinese numerals (一三八…), e-mail addresses lose their name, and room
// numbers such as 502室 or 5号房 lose their digits. The worker reads and edits the result before publishing.
func Redact(s string) string {
	s = maskEmails(maskChineseNumerals(maskLooseNumbers(kiosk.MaskNumbers(s))))
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if !isASCIIDigit(rs[i]) {
			continue
		}
		j := i
		for j < len(rs) && isASCIIDigit(rs[j]) {
			j++
		}
		if j < len(rs) && strings.ContainsRune("室房户", rs[j]) || j+1 < len(rs) && rs[j] == '号' && strings.ContainsRune("房室", rs[j+1]) {
			for k := i; k < j; k++ {
				rs[k] = '*'
			}
		}
		i = j
	}
	return string(rs)
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// RedactFor is the resident's text as a role that may not see contact
// details reads it, when the resident left them (they consented to be
// contacted, so the kiosk kept their text whole): Redact, and also the
// name and phone they left, wherever the text repeats them.
func RedactFor(s string, c *kiosk.Contact) string {
	s = Redact(s)
	if c == nil {
		return s
	}
	if name := []rune(strings.TrimSpace(c.Name)); len(name) >= 2 {
		s = strings.ReplaceAll(s, string(name), strings.Repeat("*", len(name)))
	}
	return maskDigitsOf(s, c.Phone)
}

// maskDigitsOf masks the digits of phone (at least 7 of them) wherever s
// holds them in order, whatever stands between them (138.1234.5678,
// 138，1234，5678): all but the first three and the last two.
func maskDigitsOf(s, phone string) string {
	var want []rune
	for _, r := range phone {
		if isASCIIDigit(r) {
			want = append(want, r)
		}
	}
	if len(want) < 7 {
		return s
	}
	rs := []rune(s)
	for i := range rs {
		if rs[i] != want[0] {
			continue
		}
		pos, j := []int{}, i
		for ; j < len(rs) && len(pos) < len(want); j++ {
			switch {
			case rs[j] == want[len(pos)]:
				pos = append(pos, j)
			case isASCIIDigit(rs[j]) || j-lastOf(pos, i) > 2:
				j = len(rs) // another number, or too far apart
			}
		}
		if len(pos) == len(want) {
			for _, p := range pos[3 : len(pos)-2] {
				rs[p] = '*'
			}
		}
	}
	return string(rs)
}

func lastOf(pos []int, start int) int {
	if len(pos) == 0 {
		return start
	}
	return pos[len(pos)-1]
}

// looseSeparators may stand between the digit groups of a number a
// resident typed; kiosk.MaskNumbers knows spaces and dashes.
const looseSeparators = ".,，、·"

// maskLooseNumbers masks numbers of 7 or more digits written in groups
// with looseSeparators between them (a date such as 2026.11.29 too): all digits but the first three and
// the last two.
func maskLooseNumbers(s string) string {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isASCIIDigit(rs[i]) {
			i++
			continue
		}
		var digits []int
		j, separated := i, false
		for j < len(rs) && (isASCIIDigit(rs[j]) || strings.ContainsRune(looseSeparators, rs[j]) && j+1 < len(rs) && isASCIIDigit(rs[j+1]) && isASCIIDigit(rs[j-1])) {
			if isASCIIDigit(rs[j]) {
				digits = append(digits, j)
			} else {
				separated = true
			}
			j++
		}
		if separated && len(digits) >= 7 { // a plain run is kiosk.MaskNumbers' to judge
			for _, p := range digits[3 : len(digits)-2] {
				rs[p] = '*'
			}
		}
		i = j
	}
	return string(rs)
}

// maskChineseNumerals masks runs of 7 or more Chinese digits (a phone
// number read out: 一三八一二三四五六七八) but the last two.
func maskChineseNumerals(s string) string {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && strings.ContainsRune("〇零一二三四五六七八九幺", rs[j]) {
			j++
		}
		if j-i >= 7 {
			for k := i; k < j-2; k++ {
				rs[k] = '*'
			}
		}
		i = max(j, i+1)
	}
	return string(rs)
}

var email = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// maskEmails masks the name of e-mail addresses: ***@qq.com.
func maskEmails(s string) string {
	return email.ReplaceAllStringFunc(s, func(m string) string {
		at := strings.IndexByte(m, '@')
		return strings.Repeat("*", at) + m[at:]
	})
}
