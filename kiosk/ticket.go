package kiosk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
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
// KK is the kiosk's number (10-99, unique at a station, registered at the
// hub by provisioning), so the hub and every kiosk can tell where a ticket
// came from; SSSSSS is a counter of the kiosk's codes put through a keyed
// permutation of [0, 1,000,000), so codes are unique per kiosk for its
// first million submissions but do not reveal how many came before or who
// came next; C is a Damm check digit, which catches every single wrong digit
// and every swap of two neighbouring digits.
//
// The permutation's key is the kiosk's ticket key, a secret made at
// provisioning (NewKeyedTicketCodec): without it no one can tell which
// codes a kiosk issued. Kiosks provisioned before there were ticket keys
// keyed it with their public id (NewTicketCodec), which anyone can compute;
// their codes stay valid, and a keyed codec never issues one of them again
// (see kiosk/sqlite, codec.go).
const (
	TicketDigits   = 9
	serialSpace    = 1_000_000
	MinKioskNumber = 10
	MaxKioskNumber = 99

	// TicketKeyBytes is the size of a ticket key.
	TicketKeyBytes = 32
	// keyedRounds of a Feistel network on halves of only 1,000 values: many
	// more than the 4 that suffice on large halves.
	keyedRounds = 12
)

// TicketCodec issues ticket codes for one kiosk.
type TicketCodec struct {
	number int
	keys   [4]uint32 // the legacy round keys, from the kiosk id
	secret []byte    // the ticket key; nil for the legacy codec
}

// NewTicketCodec returns the legacy codec of the kiosk with the given
// number and id: the id keys the permutation, so anyone who knows the id
// can compute the codes. Kiosks without a ticket key use it, and a keyed
// codec uses it to recognise the codes issued before it.
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

// NewKeyedTicketCodec returns the codec of the kiosk with the given number
// and secret ticket key (TicketKeyBytes random bytes): the permutation's
// rounds are HMAC-SHA256 under the key.
func NewKeyedTicketCodec(number int, key []byte) (TicketCodec, error) {
	if number < MinKioskNumber || number > MaxKioskNumber {
		return TicketCodec{}, Errorf(EINVALID, "kiosk number %d is not between %d and %d", number, MinKioskNumber, MaxKioskNumber)
	}
	if len(key) < 16 {
		return TicketCodec{}, Errorf(EINVALID, "a ticket key has at least 16 bytes, not %d", len(key))
	}
	return TicketCodec{number: number, secret: append([]byte(nil), key...)}, nil
}

// ParseTicketKey reads a ticket key file: TicketKeyBytes as hex on one line.
func ParseTicketKey(b []byte) ([]byte, error) {
	k, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(k) != TicketKeyBytes {
		return nil, Errorf(EINVALID, "a ticket key file holds %d bytes as hex on one line", TicketKeyBytes)
	}
	return k, nil
}

// Keyed reports whether the codec has a secret key.
func (c TicketCodec) Keyed() bool { return c.secret != nil }

// KioskNumber returns the number the codes start with.
func (c TicketCodec) KioskNumber() int { return c.number }

// Code returns the ticket code, digits only, for the n-th code of the
// kiosk (the store's code counter; the legacy store used the seq).
func (c TicketCodec) Code(n int64) string {
	serial := c.permute(int(n % serialSpace))
	s := strconv.Itoa(c.number) + pad6(serial)
	return s + string(rune('0'+damm(s)))
}

// Counter returns n mod 1,000,000 such that Code(n) is code: the
// permutation run backwards. ok is false when code is not one of this
// kiosk's nine-digit codes.
func (c TicketCodec) Counter(code string) (n int64, ok bool) {
	t, err := ParseTicket(code)
	if err != nil || t.KioskNumber != c.number {
		return 0, false
	}
	serial, _ := strconv.Atoi(t.Code[2:8])
	return int64(c.unpermute(serial)), true
}

// permute is a balanced Feistel network on two base-1000 halves: a
// bijection of [0, 1,000,000) onto itself.
func (c TicketCodec) permute(x int) int {
	l, r := x/1000, x%1000
	for i := range c.rounds() {
		l, r = r, (l+c.round(i, r))%1000
	}
	return l*1000 + r
}

// unpermute is permute's inverse.
func (c TicketCodec) unpermute(y int) int {
	l, r := y/1000, y%1000
	for i := c.rounds() - 1; i >= 0; i-- {
		l, r = (r-c.round(i, l)%1000+1000)%1000, l
	}
	return l*1000 + r
}

func (c TicketCodec) rounds() int {
	if c.secret != nil {
		return keyedRounds
	}
	return len(c.keys)
}

// round is the round function: a value in [0, 1000) of round i and the
// right half r.
func (c TicketCodec) round(i, r int) int {
	if c.secret == nil {
		h := (uint32(r)*2654435761 ^ c.keys[i]) * 2246822519
		h ^= h >> 15
		return int(h % 1000)
	}
	m := hmac.New(sha256.New, c.secret)
	m.Write([]byte{'o', 'w', 't', 1, byte(i), byte(r >> 8), byte(r)})
	return int(binary.BigEndian.Uint64(m.Sum(nil)) % 1000)
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
		return Ticket{}, Errorf(EINVALID, "a ticket code has %d digits, not %d", TicketDigits, len(code)).Tell("回执号是9位数，请核对。", "A code has 9 digits. Please check.")
	}
	if damm(code) != 0 {
		return Ticket{}, Errorf(EINVALID, "ticket code %s has a wrong digit", FormatTicket(code)).Tell("这个回执号有一位不对，请核对。", "One digit is wrong. Please check.")
	}
	n, _ := strconv.Atoi(code[:2])
	if n < MinKioskNumber {
		return Ticket{}, Errorf(EINVALID, "ticket code %s names no kiosk", FormatTicket(code)).Tell("没有这个回执号，请核对。", "No such code. Please check.")
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
