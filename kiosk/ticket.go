package kiosk

import (
	"hash/fnv"
	"strconv"
	"strings"
)

// A ticket code is what a resident takes home to look up the answer later.
// It is nine digits, shown as three groups of three ("123 456 789") so it is
// easy to read aloud and to type on a digit pad:
//
//	KK SSSSSS C
//
// KK is the kiosk's number (10-99, configured, unique at a station), so the
// hub and every kiosk can tell where a ticket came from; SSSSSS is the
// kiosk's submission sequence put through a keyed permutation of
// [0, 1,000,000), so codes are unique per kiosk for its first million
// submissions but do not reveal how many came before or who came next; C is
// a Damm check digit, which catches every single wrong digit and every swap
// of two neighbouring digits.
const (
	TicketDigits   = 9
	serialSpace    = 1_000_000
	MinKioskNumber = 10
	MaxKioskNumber = 99
)

// TicketCodec issues ticket codes for one kiosk.
type TicketCodec struct {
	number int
	keys   [4]uint32
}

// NewTicketCodec returns the codec of the kiosk with the given number and id.
// The id keys the permutation, so two kiosks issue codes in different orders.
func NewTicketCodec(number int, kioskID string) (TicketCodec, error) {
	if number < MinKioskNumber || number > MaxKioskNumber {
		return TicketCodec{}, Errorf(EINVALID, "kiosk number %d is not between %d and %d", number, MinKioskNumber, MaxKioskNumber)
	}
	c := TicketCodec{number: number}
	for i := range c.keys {
		h := fnv.New32a()
		h.Write([]byte{byte(i)})
		h.Write([]byte(kioskID))
		c.keys[i] = h.Sum32()
	}
	return c, nil
}

// Code returns the ticket code, digits only, for the submission with
// sequence number seq.
func (c TicketCodec) Code(seq int64) string {
	serial := c.permute(int(seq % serialSpace))
	s := strconv.Itoa(c.number) + pad6(serial)
	return s + string(rune('0'+damm(s)))
}

// permute is a four-round balanced Feistel network on two base-1000 halves:
// a bijection of [0, 1,000,000) onto itself.
func (c TicketCodec) permute(x int) int {
	l, r := x/1000, x%1000
	for _, k := range c.keys {
		h := (uint32(r)*2654435761 ^ k) * 2246822519
		h ^= h >> 15
		l, r = r, (l+int(h%1000))%1000
	}
	return l*1000 + r
}

func pad6(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 6-len(s)) + s
}

// Ticket is a parsed ticket code.
type Ticket struct {
	Code        string // nine digits, no separators
	KioskNumber int
}

// ParseTicket reads a ticket code as a resident might type or say it: spaces
// and dashes are ignored, full-width digits accepted. It fails with EINVALID
// when the length or the check digit is wrong.
func ParseTicket(s string) (Ticket, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case r == ' ' || r == '-':
		default:
			return Ticket{}, Errorf(EINVALID, "a ticket code has only digits")
		}
	}
	code := b.String()
	if len(code) != TicketDigits {
		return Ticket{}, Errorf(EINVALID, "a ticket code has %d digits, not %d", TicketDigits, len(code))
	}
	if damm(code) != 0 {
		return Ticket{}, Errorf(EINVALID, "ticket code %s has a wrong digit", FormatTicket(code))
	}
	n, _ := strconv.Atoi(code[:2])
	if n < MinKioskNumber {
		return Ticket{}, Errorf(EINVALID, "ticket code %s names no kiosk", FormatTicket(code))
	}
	return Ticket{Code: code, KioskNumber: n}, nil
}

// FormatTicket groups a nine-digit code as "123 456 789" for screens and
// receipts. Anything else is returned unchanged.
func FormatTicket(code string) string {
	if len(code) != TicketDigits {
		return code
	}
	return code[0:3] + " " + code[3:6] + " " + code[6:9]
}

// dammTable is the order-10 weakly totally anti-symmetric quasigroup of
// H. Michael Damm's check digit algorithm.
var dammTable = [10][10]byte{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

// damm returns the interim digit of the ASCII digits in s: the check digit
// to append, or 0 when s already ends with a correct one.
func damm(s string) int {
	var d byte
	for i := 0; i < len(s); i++ {
		d = dammTable[d][s[i]-'0']
	}
	return int(d)
}
