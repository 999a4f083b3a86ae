package hub

import (
	"strings"

	"opinionwall/kiosk"
)

// Redact removes personal data from a resident's text before it goes on the
// public wall: phone and ID-card numbers are masked (as the kiosk does when a
// resident leaves no contact), and room numbers such as 502室 or 5号房 lose
// their digits. The worker reads and edits the result before publishing.
func Redact(s string) string {
	s = kiosk.MaskNumbers(s)
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
