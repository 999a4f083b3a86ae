package kiosk

import (
	"strings"
	"time"
)

// StationSection is what residents are told about the community station.
type StationSection struct {
	// Phone is the station's phone number, shown when the kiosk cannot ask
	// the station and printed on receipts; empty for none.
	Phone string `toml:"phone" json:"phone"`
	// PublicURL is the hub's public web address (https://dahe.example.cn):
	// with it, and no receipt.url, the receipt's QR code opens the hub's
	// public status page PublicURL/t/{code}. Empty for none.
	PublicURL string `toml:"public_url" json:"public_url,omitempty"`
}

// ReceiptSection is what a resident takes home after a submission.
type ReceiptSection struct {
	// URL is where the receipt's QR code points, with {code} standing for
	// the ticket code (the station's public status page, …/t/{code});
	// empty puts the code itself in the QR code.
	URL     string         `toml:"url" json:"url"`
	Printer PrinterSection `toml:"printer" json:"printer"`
}

// PrinterSection is the optional ESC/POS thermal receipt printer.
type PrinterSection struct {
	Enabled bool `toml:"enabled" json:"enabled"`
	// Device is the printer's device: /dev/usb/lp0 for USB, or a serial
	// port (/dev/ttyUSB0, /dev/serial0) already set to the printer's speed.
	Device string `toml:"device" json:"device"`
	// Timeout bounds one receipt: a printer that takes longer is reported
	// offline, and the visit never waits for it.
	Timeout Duration `toml:"timeout" json:"timeout"`
}

// LookupSection is how the kiosk asks the station about tickets issued
// by other kiosks.
type LookupSection struct {
	Timeout   Duration `toml:"timeout" json:"timeout"`       // how long to wait for the station's answer
	PerMinute int      `toml:"per_minute" json:"per_minute"` // most questions to the station a minute
	// Wrong codes (no such ticket) that stop lookups: in one visit, and
	// at this kiosk in a minute and in an hour (someone trying codes).
	WrongPerVisit  int `toml:"wrong_per_visit" json:"wrong_per_visit"`
	WrongPerMinute int `toml:"wrong_per_minute" json:"wrong_per_minute"`
	WrongPerHour   int `toml:"wrong_per_hour" json:"wrong_per_hour"`
}

// ReceiptURL returns what the receipt's QR code holds for code: the
// configured URL with the code in it, else the hub's public status page
// when station.public_url is set, or the code alone.
func (c *Config) ReceiptURL(code string) string {
	if c.Receipt.URL == "" {
		if c.Station.PublicURL != "" {
			return strings.TrimRight(c.Station.PublicURL, "/") + "/t/" + code
		}
		return code
	}
	return strings.ReplaceAll(c.Receipt.URL, "{code}", code)
}

func (s *StationSection) validate(p *problems) {
	if u := s.PublicURL; u != "" && (!strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || len(u) > 150 || strings.ContainsAny(u, "{}?# ")) {
		p.add("station.public_url", "must be an http:// or https:// address of at most 150 characters, without {}, ?, # or spaces (got %q)", u)
	}
	if len(s.Phone) > 20 { // it has to fit a line of the attract screen and the receipt
		p.add("station.phone", "must be at most 20 characters (got %q)", s.Phone)
		return
	}
	for _, r := range s.Phone {
		if !strings.ContainsRune("0123456789+-() ", r) {
			p.add("station.phone", "must be digits, spaces and + - ( ) only (got %q)", s.Phone)
			break
		}
	}
}

func (r *ReceiptSection) validate(p *problems) {
	if u := r.URL; u != "" {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			p.add("receipt.url", "must start with https:// or http:// (got %q)", u)
		}
		if !strings.Contains(u, "{code}") {
			p.add("receipt.url", "must contain {code} where the ticket code goes (got %q)", u)
		}
		if len(u) > 200 {
			p.add("receipt.url", "must be at most 200 characters, to fit a small QR code")
		}
	}
	if r.Printer.Enabled && !strings.HasPrefix(r.Printer.Device, "/dev/") {
		p.add("receipt.printer.device", "must be a device path such as /dev/usb/lp0 when the printer is enabled (got %q)", r.Printer.Device)
	}
	p.durationIn("receipt.printer.timeout", r.Printer.Timeout, time.Second, time.Minute)
}

func (l *LookupSection) validate(p *problems) {
	p.durationIn("lookup.timeout", l.Timeout, time.Second, 30*time.Second)
	if l.PerMinute < 1 || l.PerMinute > 60 {
		p.add("lookup.per_minute", "must be between 1 and 60 (got %d)", l.PerMinute)
	}
	for _, w := range []struct {
		key    string
		n, max int
	}{{"lookup.wrong_per_visit", l.WrongPerVisit, 20}, {"lookup.wrong_per_minute", l.WrongPerMinute, 60}, {"lookup.wrong_per_hour", l.WrongPerHour, 600}} {
		if w.n < 1 || w.n > w.max {
			p.add(w.key, "must be between 1 and %d (got %d)", w.max, w.n)
		}
	}
}
