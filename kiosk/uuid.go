package kiosk

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// UUIDGen makes UUIDv7 identifiers (RFC 9562): 48 bits of Unix milliseconds,
// then a 12-bit counter that keeps ids made in the same millisecond in order,
// then 62 random bits. Ids sort by creation time, which keeps the hub's
// primary-key index append-mostly.
type UUIDGen struct {
	mu     sync.Mutex
	lastMS int64
	seq    uint16
}

// New returns a new UUIDv7 string for the instant now.
func (g *UUIDGen) New(now time.Time) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on Linux; if it ever does, an id that is
		// not unique would silently merge two residents' submissions.
		panic(fmt.Sprintf("uuid: crypto/rand: %v", err))
	}
	ms := now.UnixMilli()
	g.mu.Lock()
	if ms <= g.lastMS {
		// Same millisecond, or the clock stepped back: stay monotonic.
		g.seq++
		if g.seq > 0x0fff {
			g.lastMS++
			g.seq = 0
		}
		ms = g.lastMS
	} else {
		g.lastMS = ms
		g.seq = uint16(b[6]&0x03)<<8 | uint16(b[7]) // random start, room to count up
	}
	seq := g.seq
	g.mu.Unlock()

	b[0] = byte(ms >> 40)
	b[1] = byte(ms >> 32)
	b[2] = byte(ms >> 24)
	b[3] = byte(ms >> 16)
	b[4] = byte(ms >> 8)
	b[5] = byte(ms)
	b[6] = 0x70 | byte(seq>>8)&0x0f
	b[7] = byte(seq)
	b[8] = 0x80 | b[8]&0x3f
	return formatUUID(b)
}

func formatUUID(b [16]byte) string {
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// ValidUUID reports whether s is a canonical lower-case UUID string of version 7.
func ValidUUID(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s[14] == '7' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b')
}
