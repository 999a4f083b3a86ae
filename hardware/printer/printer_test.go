package printer_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/text/encoding/simplifiedchinese"

	"opinionwall/hardware/printer"
	"opinionwall/kiosk"
)

// fakePrinter is a printer at the far end of a pty: it records every byte
// the kiosk writes and answers paper status requests (DLE EOT 4) with its
// status byte.
type fakePrinter struct {
	path   string
	master *os.File
	mu     sync.Mutex
	got    []byte
	status byte // 0x12: paper; 0x72: paper end
}

func newFakePrinter(t *testing.T, status byte) *fakePrinter {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pty here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakePrinter{path: fmt.Sprintf("/dev/pts/%d", n), master: m, status: status}
	// Keep the slave open so the pty does not hang up between receipts.
	slave, err := os.OpenFile(f.path, os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slave.Close() })
	go f.serve()
	return f
}

func (f *fakePrinter) serve() {
	buf := make([]byte, 4096)
	scanned := 0
	for {
		n, err := f.master.Read(buf)
		if err != nil {
			return
		}
		f.mu.Lock()
		f.got = append(f.got, buf[:n]...)
		for {
			i := bytes.Index(f.got[scanned:], []byte{0x10, 0x04, 4})
			if i < 0 {
				break
			}
			scanned += i + 3
			f.master.Write([]byte{f.status})
		}
		f.mu.Unlock()
	}
}

func (f *fakePrinter) bytes() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]byte(nil), f.got...)
}

// receipt is what parse reads back from the ESC/POS bytes.
type receipt struct {
	lines       []string
	qr          string
	cut         bool
	statusAsked int
	double      []string // lines printed double size
}

// parse reads ESC/POS bytes back, failing on any command it does not know.
func parse(t *testing.T, b []byte) receipt {
	t.Helper()
	var r receipt
	var text []byte
	double := false
	for i := 0; i < len(b); {
		need := func(n int) {
			if i+n > len(b) {
				t.Fatalf("command at %d cut short: % x", i, b[i:])
			}
		}
		switch c := b[i]; {
		case c == 0x1b:
			need(2)
			switch b[i+1] {
			case '@':
				i += 2
			case 'a', 'd':
				need(3)
				i += 3
			default:
				t.Fatalf("unknown ESC %q at %d", b[i+1], i)
			}
		case c == 0x1c && i+1 < len(b) && b[i+1] == '&':
			i += 2
		case c == 0x1d:
			need(3)
			switch b[i+1] {
			case '!':
				double = b[i+2] == 0x11
				i += 3
			case 'V':
				r.cut = true
				i += 3
				if b[i-1] >= 65 {
					i++
				}
			case '(':
				need(8)
				n := int(b[i+3]) | int(b[i+4])<<8
				need(5 + n)
				if b[i+6] == 80 { // store the QR code's data
					r.qr = string(b[i+8 : i+5+n])
				}
				i += 5 + n
			default:
				t.Fatalf("unknown GS %q at %d", b[i+1], i)
			}
		case c == 0x10:
			need(3)
			r.statusAsked++
			i += 3
		case c == '\n':
			s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(text)
			if err != nil {
				t.Fatal(err)
			}
			r.lines = append(r.lines, string(s))
			if double {
				r.double = append(r.double, string(s))
			}
			text = text[:0]
			i++
		default:
			text = append(text, c)
			i++
		}
	}
	return r
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

var sample = kiosk.Receipt{Ticket: "126658404", Topic: kiosk.Text{Zh: "环境卫生", En: "Sanitation"},
	At: time.Date(2026, 11, 29, 10, 5, 0, 0, time.Local), Phone: "0755-2345 6789", QR: "https://dahe.example.cn/t/126658404"}

func TestPrintsAReceipt(t *testing.T) {
	f := newFakePrinter(t, 0x12)
	p := &printer.Printer{Device: f.path, Baud: 9600, Timeout: 5 * time.Second}
	if err := p.Open(); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	waitFor(t, "the first paper check", func() bool { return p.State() == kiosk.PrinterOK })
	p.Print(sample)
	waitFor(t, "the cut", func() bool { return parse(t, f.bytes()).cut })
	r := parse(t, f.bytes())
	if got, want := r.qr, sample.QR; got != want {
		t.Errorf("QR holds %q, want %q", got, want)
	}
	if len(r.double) != 1 || r.double[0] != "126 658 404" {
		t.Errorf("the code printed large: %q", r.double)
	}
	all := fmt.Sprint(r.lines)
	for _, want := range []string{"环境卫生", "2026-11-29 10:05", "0755-2345 6789"} {
		if !bytes.Contains([]byte(all), []byte(want)) {
			t.Errorf("%q not on the receipt: %q", want, r.lines)
		}
	}
	if r.statusAsked < 2 {
		t.Errorf("paper asked about %d times, want before the check and before the receipt", r.statusAsked)
	}
	if got := p.State(); got != kiosk.PrinterOK {
		t.Errorf("state %q", got)
	}
}

func TestPaperOutIsReportedAndNothingPrinted(t *testing.T) {
	f := newFakePrinter(t, 0x72)
	p := &printer.Printer{Device: f.path, Timeout: 5 * time.Second}
	if err := p.Open(); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	waitFor(t, "paper out", func() bool { return p.State() == kiosk.PrinterPaperOut })
	p.Print(sample)
	waitFor(t, "the receipt's status request", func() bool { return parse(t, f.bytes()).statusAsked >= 2 })
	p.Close()
	if r := parse(t, f.bytes()); r.cut || r.qr != "" || len(r.lines) > 0 {
		t.Errorf("printed without paper: %+v", r)
	}
	if got := p.Counters()["printer_failed"]; got != 1 {
		t.Errorf("failed receipts %d, want 1", got)
	}
}

func TestOfflineNeverBlocks(t *testing.T) {
	p := &printer.Printer{Device: filepath.Join(t.TempDir(), "lp0"), Timeout: time.Second}
	if err := p.Open(); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for range 20 { // far more than the queue holds: Print drops, never waits
		p.Print(sample)
	}
	waitFor(t, "a failed receipt", func() bool { return p.Counters()["printer_failed"] > 0 })
	if got := p.State(); got != kiosk.PrinterOffline {
		t.Errorf("state %q, want %q", got, kiosk.PrinterOffline)
	}
	if p.Counters()["printer_dropped"] == 0 {
		t.Error("a full queue dropped nothing")
	}
}
