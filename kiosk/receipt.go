package kiosk

import "time"

// Receipt is what a resident takes home after a submission: shown on the
// submitted screen and, where the kiosk has a printer, printed.
type Receipt struct {
	Ticket string    // nine digits
	Topic  Text      // what it was about: the topic, service or poll
	At     time.Time // when it was stored
	Phone  string    // the station's phone number; empty for none
	QR     string    // what the QR code holds: the status page's URL, or the code
}

// ReceiptPrinter prints receipts. Print hands the receipt over and returns
// at once: a printer that is slow, out of paper or gone never holds up the
// visit (it reports its state in telemetry instead).
type ReceiptPrinter interface {
	Print(r Receipt)
}

// Printer states, reported in telemetry as Telemetry.Printer.
const (
	PrinterOK       = "ok"
	PrinterPaperOut = "paper_out"
	PrinterOffline  = "offline" // cannot be opened or written, or does not answer in time
)

// NewReceipt returns the receipt of a stored submission: what it was about
// is the topic, service or poll named in cfg (poll is the poll voted in,
// nil for other kinds).
func NewReceipt(cfg *Config, s *Submission, poll *Poll) Receipt {
	r := Receipt{Ticket: s.Ticket, At: s.CreatedAt, Phone: cfg.Station.Phone, QR: cfg.ReceiptURL(s.Ticket)}
	switch s.Kind {
	case KindOpinion:
		if t, ok := cfg.Topic(s.Body.Topic); ok {
			r.Topic = t.Name
		}
	case KindRating:
		if t, ok := cfg.Service(s.Body.Topic); ok {
			r.Topic = t.Name
		}
	case KindVote:
		if poll != nil {
			r.Topic = poll.Title
		}
	}
	return r
}
