package kiosk

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Registry is the station's list of kiosk numbers: kiosk id → the number
// its ticket codes start with, written by kioskctl provision and read by
// the hub, which refuses a ticket whose number is not its kiosk's
// (docs/SECURITY.md, "Receipt codes"). The file holds one "ID NUMBER" a
// line; # starts a comment.
type Registry map[string]int

// ParseRegistry reads a registry file.
func ParseRegistry(b []byte) (Registry, error) {
	r := Registry{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return nil, Errorf(EINVALID, "kiosk registry line %d: want ID NUMBER", line)
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || !ValidKioskID(f[0]) {
			return nil, Errorf(EINVALID, "kiosk registry line %d: %q is not a kiosk id and number", line, text)
		}
		if err := r.Assign(f[0], n); err != nil {
			return nil, fmt.Errorf("kiosk registry line %d: %w", line, err)
		}
	}
	return r, sc.Err()
}

// Assign gives kiosk id the number n, refusing a number out of range or
// another kiosk's.
func (r Registry) Assign(id string, n int) error {
	if n < MinKioskNumber || n > MaxKioskNumber {
		return Errorf(EINVALID, "kiosk number %d is not between %d and %d", n, MinKioskNumber, MaxKioskNumber)
	}
	for other, m := range r {
		if m == n && other != id {
			return Errorf(ECONFLICT, "number %d is %s's", n, other)
		}
	}
	r[id] = n
	return nil
}

// Bytes is the registry as a file, by id.
func (r Registry) Bytes() []byte {
	ids := make([]string, 0, len(r))
	for id := range r {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b bytes.Buffer
	b.WriteString("# kiosk id and the number its ticket codes start with (kioskctl provision)\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "%s %d\n", id, r[id])
	}
	return b.Bytes()
}
