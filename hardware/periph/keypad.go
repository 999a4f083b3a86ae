package periph

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpioreg"

	"opinionwall/hardware"
)

// Keypad scans a 3×4 telephone keypad matrix: each row pin in turn is
// driven low while the three column pins (pull-ups) are read; a key down
// pulls its column low. Every key goes through its own debouncer
// (hardware.Matrix). Set the fields, then Open; Close stops it.
type Keypad struct {
	Rows     []string // four pins: 1 2 3 / 4 5 6 / 7 8 9 / * 0 #
	Cols     []string // three pins, left to right
	Debounce time.Duration
	Every    time.Duration // one full scan; 5 ms unless set
	// Lookup finds a pin by name; gpioreg.ByName by default, test pins in tests.
	Lookup func(name string) gpio.PinIO
	Now    func() time.Time

	rows, cols []gpio.PinIO
	events     chan hardware.Event
	dropped    atomic.Int64
	cancel     context.CancelFunc
	wg         sync.WaitGroup
}

var _ hardware.Inputs = (*Keypad)(nil)

// Open configures the pins and starts scanning.
func (k *Keypad) Open() error {
	if len(k.Rows) != 4 || len(k.Cols) != 3 {
		return fmt.Errorf("keypad: needs 4 row pins and 3 column pins (got %d and %d)", len(k.Rows), len(k.Cols))
	}
	if k.Lookup == nil {
		k.Lookup = func(name string) gpio.PinIO { return gpioreg.ByName(name) }
	}
	if k.Now == nil {
		k.Now = time.Now
	}
	if k.Every <= 0 {
		k.Every = 5 * time.Millisecond
	}
	k.rows, k.cols = nil, nil
	for _, name := range k.Rows {
		p := k.Lookup(name)
		if p == nil {
			return fmt.Errorf("keypad: no row pin %q", name)
		}
		if err := p.Out(gpio.High); err != nil {
			return fmt.Errorf("keypad: row %s: %w", name, err)
		}
		k.rows = append(k.rows, p)
	}
	for _, name := range k.Cols {
		p := k.Lookup(name)
		if p == nil {
			return fmt.Errorf("keypad: no column pin %q", name)
		}
		if err := p.In(gpio.PullUp, gpio.NoEdge); err != nil {
			return fmt.Errorf("keypad: column %s: %w", name, err)
		}
		k.cols = append(k.cols, p)
	}
	k.events = make(chan hardware.Event, 64)
	ctx, cancel := context.WithCancel(context.Background())
	k.cancel = cancel
	k.wg.Add(1)
	go k.scan(ctx)
	return nil
}

// Close stops scanning and leaves the rows high.
func (k *Keypad) Close() error {
	if k.cancel == nil {
		return nil
	}
	k.cancel()
	k.wg.Wait()
	return nil
}

// Events delivers the keys' presses and releases ("key0".."key#").
func (k *Keypad) Events() <-chan hardware.Event { return k.events }

// Dropped returns how many events nobody read.
func (k *Keypad) Dropped() int64 { return k.dropped.Load() }

func (k *Keypad) scan(ctx context.Context) {
	defer k.wg.Done()
	m := &hardware.Matrix{Window: k.Debounce}
	t := time.NewTicker(k.Every)
	defer t.Stop()
	var down [4][3]bool
	for {
		for r, row := range k.rows {
			row.Out(gpio.Low)
			for c, col := range k.cols {
				down[r][c] = col.Read() == gpio.Low
			}
			row.Out(gpio.High)
		}
		for _, e := range m.Scan(func(r, c int) bool { return down[r][c] }, k.Now()) {
			select {
			case k.events <- e:
			default:
				k.dropped.Add(1)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
