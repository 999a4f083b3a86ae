package periph

import (
	"sync"
	"testing"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpiotest"

	"opinionwall/hardware"
)

// matrix is a keypad wired to test pins: a column reads low while a row
// driven low has a key down in that column.
type matrix struct {
	mu   sync.Mutex
	held map[[2]int]bool
	rows []*gpiotest.Pin
}

type colPin struct {
	*gpiotest.Pin
	m   *matrix
	col int
}

func (p *colPin) Read() gpio.Level {
	p.m.mu.Lock()
	defer p.m.mu.Unlock()
	for r, row := range p.m.rows {
		if row.Read() == gpio.Low && p.m.held[[2]int{r, p.col}] {
			return gpio.Low
		}
	}
	return gpio.High
}

func (m *matrix) set(r, c int, down bool) {
	m.mu.Lock()
	m.held[[2]int{r, c}] = down
	m.mu.Unlock()
}

func TestKeypadScansTheMatrix(t *testing.T) {
	m := &matrix{held: map[[2]int]bool{}}
	pins := map[string]gpio.PinIO{}
	rows, cols := []string{"GPIO4", "GPIO17", "GPIO18", "GPIO22"}, []string{"GPIO23", "GPIO24", "GPIO10"}
	for _, n := range rows {
		p := &gpiotest.Pin{N: n}
		m.rows = append(m.rows, p)
		pins[n] = p
	}
	for i, n := range cols {
		pins[n] = &colPin{Pin: &gpiotest.Pin{N: n}, m: m, col: i}
	}
	k := &Keypad{Rows: rows, Cols: cols, Debounce: 15 * time.Millisecond, Every: 2 * time.Millisecond,
		Lookup: func(n string) gpio.PinIO { return pins[n] }}
	if err := k.Open(); err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	next := func() hardware.Event {
		t.Helper()
		select {
		case e := <-k.Events():
			return e
		case <-time.After(5 * time.Second):
			t.Fatal("no key event")
		}
		return hardware.Event{}
	}
	for _, c := range []struct {
		r, c int
		in   string
	}{{0, 0, "key1"}, {1, 1, "key5"}, {3, 0, "key*"}, {3, 2, "key#"}, {3, 1, "key0"}} {
		m.set(c.r, c.c, true)
		if e := next(); e.Kind != hardware.Press || e.Input != c.in {
			t.Fatalf("row %d column %d: %+v, want a press of %s", c.r, c.c, e, c.in)
		}
		m.set(c.r, c.c, false)
		if e := next(); e.Kind != hardware.Release || e.Input != c.in {
			t.Fatalf("row %d column %d: %+v, want a release of %s", c.r, c.c, e, c.in)
		}
	}
	// Two keys in one column on different rows are told apart.
	m.set(0, 2, true)
	m.set(2, 2, true)
	got := map[string]bool{next().Input: true, next().Input: true}
	if !got["key3"] || !got["key9"] {
		t.Errorf("3 and 9 together: %v", got)
	}
}

func TestKeypadNeedsItsPins(t *testing.T) {
	k := &Keypad{Rows: []string{"GPIO4"}, Cols: []string{"GPIO23"}}
	if err := k.Open(); err == nil {
		t.Fatal("a keypad of one row opened")
	}
	k = &Keypad{Rows: []string{"A", "B", "C", "D"}, Cols: []string{"E", "F", "G"}, Lookup: func(string) gpio.PinIO { return nil }}
	if err := k.Open(); err == nil {
		t.Fatal("a keypad without pins opened")
	}
}
