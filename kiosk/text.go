package kiosk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultTextLimit is the most characters (runes) of free text a resident may
// leave, unless configured otherwise.
const DefaultTextLimit = 300

// CleanText applies the text rules to what a resident typed: it must be valid
// UTF-8; full-width digits become ASCII digits (so numbers are recognised);
// tabs become spaces; every other control or format character is removed
// (newlines are kept); surrounding space is trimmed; and the result must be
// at most limit characters.
func CleanText(s string, limit int) (string, error) {
	if !utf8.ValidString(s) {
		return "", Errorf(EINVALID, "text is not valid UTF-8")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// dropped: C0/C1 controls, bidi overrides, zero-width characters
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimSpace(b.String())
	if n := utf8.RuneCountInString(out); n > limit {
		return "", Errorf(EINVALID, "text is %d characters long; at most %d are allowed", n, limit)
	}
	return out, nil
}

// checkText reports whether s already follows the text rules, for input that
// arrives cleaned (from the session, or from the wire at the hub).
func checkText(s string, limit int) (string, error) {
	clean, err := CleanText(s, limit)
	if err != nil {
		return "", err
	}
	if clean != s {
		return "", Errorf(EINVALID, "text contains control characters or untrimmed space")
	}
	return clean, nil
}

// PrepareText cleans a resident's free text and, unless they chose to leave
// contact details, masks the phone and ID-card numbers in it.
func PrepareText(s string, limit int, contactConsent bool) (string, error) {
	clean, err := CleanText(s, limit)
	if err != nil {
		return "", err
	}
	if contactConsent {
		return clean, nil
	}
	return MaskNumbers(clean), nil
}

// MaskNumbers replaces most digits of anything that looks like a mobile or
// landline number or an ID-card number with '*'. A number may be written
// with single spaces or dashes between its groups ("138 1234 5678",
// "0755-2345678"). Long numbers keep their first three and last two digits,
// which is enough for a worker to tell two apart and not enough to call or
// identify anyone; short local numbers keep only the last two.
func MaskNumbers(s string) string {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) || (i > 0 && isDigit(rs[i-1])) {
			i++
			continue
		}
		end, digits := scanNumber(rs, i)
		maskRun(rs[i:end], classifyNumber(rs[i:end], digits))
		i = end
	}
	return string(rs)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// scanNumber returns the end of the number starting at rs[start] (digits with
// single space or dash separators, and an ID card's final X) and how many
// digits (and X) it holds.
func scanNumber(rs []rune, start int) (end, digits int) {
	end = start
	for j := start; j < len(rs); {
		switch {
		case isDigit(rs[j]):
			digits++
			j++
			end = j
		case (rs[j] == 'X' || rs[j] == 'x') && digits == 17:
			digits++
			j++
			end = j
			return end, digits
		case (rs[j] == ' ' || rs[j] == '-') && j+1 < len(rs) && isDigit(rs[j+1]) && isDigit(rs[j-1]):
			j++
		default:
			return end, digits
		}
	}
	return end, digits
}

type numberClass int

const (
	plainNumber numberClass = iota
	longNumber              // mobile, landline with area code, ID card: keep 3 + 2
	localNumber             // 7 or 8 digit local landline: keep last 2
)

func classifyNumber(run []rune, digits int) numberClass {
	ds := make([]rune, 0, digits)
	for _, r := range run {
		if isDigit(r) || r == 'X' || r == 'x' {
			ds = append(ds, r)
		}
	}
	switch {
	case digits == 11 && ds[0] == '1' && ds[1] >= '3' && ds[1] <= '9': // mobile
		return longNumber
	case digits == 13 && ds[0] == '8' && ds[1] == '6' && ds[2] == '1': // 86 + mobile
		return longNumber
	case digits == 18 || digits == 15: // ID card (15 digits: first generation)
		return longNumber
	case ds[0] == '0' && digits >= 10 && digits <= 12: // area code + local number
		return longNumber
	case digits == 7 || digits == 8:
		return localNumber
	}
	return plainNumber
}

func maskRun(run []rune, class numberClass) {
	if class == plainNumber {
		return
	}
	var idx []int
	for i, r := range run {
		if r != ' ' && r != '-' {
			idx = append(idx, i)
		}
	}
	keepHead := 3
	if class == localNumber {
		keepHead = 0
	}
	for k, i := range idx {
		if k >= keepHead && k < len(idx)-2 {
			run[i] = '*'
		}
	}
}

// ValidPhone reports whether s is a phone number a worker can call back: a
// mainland mobile number (11 digits starting 13-19) or a landline of 7 to 12
// digits, with optional spaces or dashes.
func ValidPhone(s string) bool {
	var ds []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			ds = append(ds, c)
		case c == ' ' || c == '-':
		default:
			return false
		}
	}
	switch n := len(ds); {
	case n == 11 && ds[0] == '1':
		return ds[1] >= '3'
	case n >= 7 && n <= 12:
		return ds[0] != '1'
	}
	return false
}
