package kiosk_test

import (
	"strings"
	"testing"

	"opinionwall/kiosk"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
		code           string
	}{
		{"plain", "路灯坏了", "路灯坏了", ""},
		{"trimmed", "  路灯坏了 \n", "路灯坏了", ""},
		{"controls removed", "路\x00灯\x1b[31m坏\u202e了\u200b", "路灯[31m坏了", ""},
		{"newline kept, tab to space", "第一行\n第二\t行", "第一行\n第二 行", ""},
		{"full-width digits", "３栋５楼", "3栋5楼", ""},
		{"invalid utf-8", "路灯\xff坏了", "", kiosk.EINVALID},
		{"at the limit", strings.Repeat("字", 10), strings.Repeat("字", 10), ""},
		{"over the limit", strings.Repeat("字", 11), "", kiosk.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := kiosk.CleanText(tt.in, 10)
			if code := kiosk.ErrorCode(err); code != tt.code {
				t.Fatalf("err = %v, want code %q", err, tt.code)
			}
			if got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaskNumbers(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"mobile", "请打13812345678联系我", "请打138******78联系我"},
		{"mobile with spaces", "电话 138 1234 5678", "电话 138 **** **78"},
		{"mobile with dashes", "138-1234-5678", "138-****-**78"},
		{"plus 86", "+8613812345678", "+861********78"},
		{"landline with area code", "0755-23456789", "075*-******89"},
		{"local landline", "打23456789", "打******89"},
		{"ID card", "身份证440301199001011234", "身份证440*************34"},
		{"ID card with X", "44030119900101123X号", "440*************3X号"},
		{"building numbers stay", "3栋502房，12号楼", "3栋502房，12号楼"},
		{"year stays", "2026年11月", "2026年11月"},
		{"two numbers", "13812345678和13987654321", "138******78和139******21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kiosk.MaskNumbers(tt.in); got != tt.want {
				t.Errorf("MaskNumbers(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPrepareTextMasksUnlessContact(t *testing.T) {
	in := "楼下漏水，13812345678"
	got, err := kiosk.PrepareText(in, 300, false)
	if err != nil || strings.Contains(got, "12345678") {
		t.Errorf("anonymous: %q, %v", got, err)
	}
	got, err = kiosk.PrepareText(in, 300, true)
	if err != nil || got != in {
		t.Errorf("with contact consent: %q, %v", got, err)
	}
}

func TestValidPhone(t *testing.T) {
	for in, want := range map[string]bool{
		"13812345678": true, "138 1234 5678": true, "0755-23456789": true, "23456789": true,
		"12812345678": false, "1381234567": false, "phone": false, "123": false, "": false,
	} {
		t.Run(in, func(t *testing.T) {
			if got := kiosk.ValidPhone(in); got != want {
				t.Errorf("ValidPhone(%q) = %v, want %v", in, got, want)
			}
		})
	}
}
