package kiosk_test

import (
	"strings"
	"testing"

	"opinionwall/kiosk"
)

func TestTicketCodesUniqueForAMillion(t *testing.T) {
	c, err := kiosk.NewTicketCodec(37, "booth-02")
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]struct{}, 1_000_000)
	sequential := 0
	prev := -1
	for seq := int64(1); seq <= 1_000_000; seq++ {
		code := c.Code(seq)
		if len(code) != kiosk.TicketDigits || !strings.HasPrefix(code, "37") {
			t.Fatalf("seq %d: code %q", seq, code)
		}
		if _, dup := seen[code]; dup {
			t.Fatalf("seq %d: code %s issued twice", seq, code)
		}
		seen[code] = struct{}{}
		serial := atoi(code[2:8])
		if serial == prev+1 {
			sequential++
		}
		prev = serial
	}
	// The serial hides the order: next codes are not next numbers.
	if sequential > 100 {
		t.Errorf("%d of a million codes follow their predecessor: the permutation is not mixing", sequential)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestTicketCodesDifferPerKiosk(t *testing.T) {
	a, _ := kiosk.NewTicketCodec(12, "wall-01")
	b, _ := kiosk.NewTicketCodec(12, "wall-02")
	same := 0
	for seq := int64(1); seq <= 1000; seq++ {
		if a.Code(seq) == b.Code(seq) {
			same++
		}
	}
	if same > 5 {
		t.Errorf("%d of 1000 codes equal for two kiosk ids", same)
	}
}

func TestParseTicket(t *testing.T) {
	c, _ := kiosk.NewTicketCodec(12, "wall-01")
	code := c.Code(42)
	for _, tt := range []struct{ name, in string }{
		{"plain", code},
		{"grouped", kiosk.FormatTicket(code)},
		{"dashes", code[:3] + "-" + code[3:6] + "-" + code[6:]},
		{"full-width digits", toFullWidth(code)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tk, err := kiosk.ParseTicket(tt.in)
			if err != nil {
				t.Fatalf("ParseTicket(%q): %v", tt.in, err)
			}
			if tk.Code != code || tk.KioskNumber != 12 {
				t.Errorf("ParseTicket(%q) = %+v", tt.in, tk)
			}
		})
	}
	// Every single wrong digit and every swap of neighbours is caught.
	for i := 0; i < len(code); i++ {
		for d := byte('0'); d <= '9'; d++ {
			if d == code[i] {
				continue
			}
			bad := code[:i] + string(d) + code[i+1:]
			if _, err := kiosk.ParseTicket(bad); kiosk.ErrorCode(err) != kiosk.EINVALID {
				t.Errorf("typo %s accepted", bad)
			}
		}
		if i+1 < len(code) && code[i] != code[i+1] {
			sw := code[:i] + string(code[i+1]) + string(code[i]) + code[i+2:]
			if _, err := kiosk.ParseTicket(sw); err == nil {
				t.Errorf("swap %s accepted", sw)
			}
		}
	}
	for _, tt := range []struct{ name, bad string }{
		{"empty", ""}, {"too short", "12345"}, {"too long", "1234567890"}, {"a letter", "12a456789"}, {"no digits", "abc"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := kiosk.ParseTicket(tt.bad); kiosk.ErrorCode(err) != kiosk.EINVALID {
				t.Errorf("ParseTicket(%q) err = %v, want invalid", tt.bad, err)
			}
		})
	}
}

func toFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune('０' + r - '0')
	}
	return b.String()
}

func TestTicketCodecNumberRange(t *testing.T) {
	for _, n := range []int{0, 9, 100} {
		if _, err := kiosk.NewTicketCodec(n, "x"); err == nil {
			t.Errorf("kiosk number %d accepted", n)
		}
	}
}
