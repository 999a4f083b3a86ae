package kiosk_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"opinionwall/kiosk"
)

// What residents type reaches these functions unfiltered.

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"路灯坏了", "a\x00b\u202ec", "  \n\t ", "３栋", "\xff\xfe", strings.Repeat("长", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := kiosk.CleanText(s, 32)
		if err != nil {
			if kiosk.ErrorCode(err) != kiosk.EINVALID {
				t.Fatalf("code %q", kiosk.ErrorCode(err))
			}
			return
		}
		if !utf8.ValidString(out) || utf8.RuneCountInString(out) > 32 {
			t.Fatalf("CleanText(%q) = %q", s, out)
		}
		for _, r := range out {
			if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
				t.Fatalf("CleanText(%q) kept %U", s, r)
			}
		}
		if again, err := kiosk.CleanText(out, 32); err != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q (%v)", out, again, err)
		}
	})
}

func FuzzMaskNumbers(f *testing.F) {
	for _, s := range []string{"13812345678", "138 1234 5678", "44030119900101123X", "0755-23456789", "3栋502", "1-2-3-4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out := kiosk.MaskNumbers(s)
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Fatalf("MaskNumbers changed the length: %q -> %q", s, out)
		}
		// No mobile number survives as a run of 11 digits.
		digits := 0
		for i, r := range out {
			if r >= '0' && r <= '9' {
				digits++
				if digits >= 11 && isMobileEnd(out, i) {
					t.Fatalf("MaskNumbers(%q) = %q keeps a mobile number", s, out)
				}
			} else {
				digits = 0
			}
		}
	})
}

// isMobileEnd reports whether the 11 ASCII digits ending at byte i of s form a
// mainland mobile number standing alone (no digit before it).
func isMobileEnd(s string, i int) bool {
	start := i - 10
	if start < 0 || (start > 0 && s[start-1] >= '0' && s[start-1] <= '9') {
		return false
	}
	if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
		return false
	}
	return s[start] == '1' && s[start+1] >= '3'
}

func FuzzParseTicket(f *testing.F) {
	c, _ := kiosk.NewTicketCodec(12, "wall-01")
	for _, s := range []string{c.Code(1), kiosk.FormatTicket(c.Code(2)), "123 456 789", "", "１２", "12-34"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tk, err := kiosk.ParseTicket(s)
		if err != nil {
			return
		}
		if len(tk.Code) != kiosk.TicketDigits || tk.KioskNumber < kiosk.MinKioskNumber {
			t.Fatalf("ParseTicket(%q) = %+v", s, tk)
		}
		if again, err := kiosk.ParseTicket(kiosk.FormatTicket(tk.Code)); err != nil || again != tk {
			t.Fatalf("round trip of %q: %+v %v", s, again, err)
		}
	})
}
