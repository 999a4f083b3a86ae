package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"opinionwall/kiosk"
)

var _ kiosk.ReceiptPrinter = (*Printer)(nil)

// Printer is a receipt printer on a device file. Set the fields, then Open;
// Close stops it. Print never blocks: receipts queue (a few at most) for a
// goroutine that writes each with a deadline, and one that cannot be
// printed is dropped with the printer reported offline or out of paper.
type Printer struct {
	Device     string        // /dev/usb/lp0, or a serial port
	Baud       int           // a serial port's speed; 0 leaves it as set
	Timeout    time.Duration // per receipt; default 10s
	CheckEvery time.Duration // how often an idle printer's paper is checked; default 1m
	Log        *slog.Logger

	jobs   chan kiosk.Receipt
	state  atomic.Value // string: a kiosk.Printer* state
	stats  struct{ printed, failed, dropped atomic.Int64 }
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Open starts the printing goroutine and checks the printer once. A
// printer that is not there yet is reported offline, not refused.
func (p *Printer) Open() error {
	if p.Device == "" {
		return fmt.Errorf("printer: no device")
	}
	if p.Timeout <= 0 {
		p.Timeout = 10 * time.Second
	}
	if p.CheckEvery <= 0 {
		p.CheckEvery = time.Minute
	}
	if p.Log == nil {
		p.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	p.jobs = make(chan kiosk.Receipt, 4)
	p.state.Store(kiosk.PrinterOffline)
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.loop(ctx)
	}()
	return nil
}

// Close stops printing; receipts still queued are dropped.
func (p *Printer) Close() error {
	if p.cancel == nil {
		return nil
	}
	p.cancel()
	p.wg.Wait()
	p.cancel = nil
	return nil
}

// Print queues a receipt and returns at once; with the queue full (the
// printer is stuck) the receipt is dropped: the code is on screen.
func (p *Printer) Print(r kiosk.Receipt) {
	select {
	case p.jobs <- r:
	default:
		p.stats.dropped.Add(1)
	}
}

// State returns the printer's state: kiosk.PrinterOK, PrinterPaperOut or
// PrinterOffline.
func (p *Printer) State() string { s, _ := p.state.Load().(string); return s }

// Counters returns the printer's counters for telemetry.
func (p *Printer) Counters() map[string]int64 {
	return map[string]int64{"printer_printed": p.stats.printed.Load(), "printer_failed": p.stats.failed.Load(), "printer_dropped": p.stats.dropped.Load()}
}

func (p *Printer) loop(ctx context.Context) {
	p.setState(p.do(nil))
	t := time.NewTicker(p.CheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case r := <-p.jobs:
			st := p.do(&r)
			if st == kiosk.PrinterOK {
				p.stats.printed.Add(1)
			} else {
				p.stats.failed.Add(1)
				p.Log.Warn("printer: receipt not printed", "ticket", r.Ticket, "state", st)
			}
			p.setState(st)
		case <-t.C:
			p.setState(p.do(nil))
		}
	}
}

func (p *Printer) setState(st string) {
	if old := p.State(); old != st {
		p.Log.Info("printer: state", "from", old, "to", st)
	}
	p.state.Store(st)
}

// do opens the device, asks for the paper status and, with r and paper,
// prints r; it returns the printer's state after.
func (p *Printer) do(r *kiosk.Receipt) string {
	f, err := os.OpenFile(p.Device, openFlags, 0)
	if err != nil {
		p.Log.Debug("printer: open", "device", p.Device, "err", err)
		return kiosk.PrinterOffline
	}
	defer f.Close()
	if err := makeRaw(f, p.Baud); err != nil {
		p.Log.Warn("printer: serial settings", "err", err)
	}
	deadline := time.Now().Add(p.Timeout)
	f.SetDeadline(deadline) // a device without deadlines (ErrNoDeadline) is written without one
	paper, err := p.paper(f, deadline)
	if err != nil {
		return kiosk.PrinterOffline
	}
	if !paper {
		return kiosk.PrinterPaperOut
	}
	if r != nil {
		if _, err := f.Write(Receipt(*r)); err != nil {
			p.Log.Warn("printer: write", "err", err)
			return kiosk.PrinterOffline
		}
	}
	return kiosk.PrinterOK
}

// statusWait is how long a status reply may take. A printer that does not
// answer (a one-way USB printer) is taken to have paper.
const statusWait = 500 * time.Millisecond

// paper asks for the roll's status and reports whether there is paper.
func (p *Printer) paper(f *os.File, deadline time.Time) (bool, error) {
	if _, err := f.Write(cmdPaperStatus); err != nil {
		return false, err
	}
	wait := time.Now().Add(statusWait)
	if deadline.Before(wait) {
		wait = deadline
	}
	if err := f.SetReadDeadline(wait); err != nil {
		return true, nil // cannot wait for a reply without blocking: do not ask
	}
	defer f.SetReadDeadline(deadline)
	var b [1]byte
	for {
		if _, err := f.Read(b[:]); err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, io.EOF) {
				return true, nil
			}
			return false, err
		}
		if b[0]&statusFixedMsk == statusFixed {
			return b[0]&statusPaperEnd == 0, nil
		}
		// Not a status byte (noise on a serial line): read on.
	}
}
