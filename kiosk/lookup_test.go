package kiosk_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// station answers like the hub would, from a map, counting questions.
type station struct {
	cases map[string]kiosk.TicketUpdate
	err   error
	asked int
}

func (s *station) AskTicket(ctx context.Context, code string) (kiosk.TicketUpdate, error) {
	s.asked++
	if s.err != nil {
		return kiosk.TicketUpdate{}, s.err
	}
	u, ok := s.cases[code]
	if !ok {
		return u, kiosk.Errorf(kiosk.ENOTFOUND, "no ticket %s", code)
	}
	return u, nil
}

func openLookupStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(12, "wall-01")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestLookupAsksTheStationForOtherKiosksCodes(t *testing.T) {
	ctx := t.Context()
	db := openLookupStore(t)
	other, _ := kiosk.NewTicketCodec(34, "wall-02")
	code := other.Code(1)
	st := &station{cases: map[string]kiosk.TicketUpdate{code: {Ticket: code, SubmissionID: "x", Status: kiosk.StatusReplied, Reply: "已修好", UpdatedAt: time.Unix(1e9, 0)}}}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	l := &kiosk.Lookup{Number: 12, Store: db, Station: st, PerMinute: 2, Now: func() time.Time { return now }}

	if !l.Remote(code) || l.Remote(openLookupCodec(t).Code(1)) {
		t.Fatal("Remote does not tell this kiosk's codes from another's")
	}
	u, err := l.LookupTicket(ctx, code)
	if err != nil || u.Reply != "已修好" {
		t.Fatalf("asked: %+v, %v", u, err)
	}
	// Kept in the store: shown when the station is gone.
	st.err = errors.New("no answer")
	if u, err := l.LookupTicket(ctx, code); err != nil || u.Reply != "已修好" {
		t.Fatalf("kept answer: %+v, %v", u, err)
	}
	// The rate limit: two questions a minute were asked; the third is refused
	// without asking, and a code never answered says so plainly.
	unknown := other.Code(2)
	asked := st.asked
	if _, err := l.LookupTicket(ctx, unknown); kiosk.ErrorCode(err) != kiosk.EBUSY || st.asked != asked {
		t.Fatalf("over the limit: %v, asked %d times more", err, st.asked-asked)
	}
	now = now.Add(time.Minute)
	if _, err := l.LookupTicket(ctx, unknown); kiosk.ErrorCode(err) != kiosk.EOFFLINE {
		t.Fatalf("station down, nothing kept: %v, want %s", err, kiosk.EOFFLINE)
	}
	st.err = nil
	if _, err := l.LookupTicket(ctx, unknown); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("station has no such ticket: %v", err)
	}
}

func openLookupCodec(t *testing.T) kiosk.TicketCodec {
	c, err := kiosk.NewTicketCodec(12, "wall-01")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLookupOwnCodesStayLocal(t *testing.T) {
	db := openLookupStore(t)
	st := &station{}
	l := &kiosk.Lookup{Number: 12, Store: db, Station: st}
	if _, err := l.LookupTicket(t.Context(), openLookupCodec(t).Code(7)); kiosk.ErrorCode(err) != kiosk.ENOTFOUND || st.asked != 0 {
		t.Fatalf("own unknown code: %v, station asked %d times", err, st.asked)
	}
	if _, err := (&kiosk.Lookup{Number: 12, Store: db}).LookupTicket(t.Context(), "340000016"); kiosk.ErrorCode(err) == "" {
		t.Fatal("no station: want an error")
	}
}

// TestWrongCodesLimited is the attack on the lookup screen: someone types
// code after code hoping to hit another resident's. After WrongPerMinute
// codes found nowhere every lookup is refused (ELIMITED, even a right
// code, so a refusal tells nothing) until the minute has passed, and
// WrongPerHour bounds what waiting out the minutes gives.
func TestWrongCodesLimited(t *testing.T) {
	ctx := t.Context()
	db := openLookupStore(t)
	s := &kiosk.Submission{ID: "018f0000-0000-7000-8000-000000000001", Kiosk: "wall-01", Kind: kiosk.KindRating, CreatedAt: time.Now(), ClockSynced: true,
		Body: kiosk.Body{Topic: "station", Rating: 3, Lang: "zh", Channel: kiosk.ChannelTouch}}
	if err := db.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	st := &station{cases: map[string]kiosk.TicketUpdate{}}
	l := &kiosk.Lookup{Number: 12, Store: db, Station: st, PerMinute: 60, WrongPerMinute: 5, WrongPerHour: 8, Now: func() time.Time { return now }}
	own, _ := kiosk.NewTicketCodec(12, "guess")
	other, _ := kiosk.NewTicketCodec(34, "guess")
	refused := 0
	for i := range int64(20) {
		code := own.Code(1000 + i)
		if i%2 == 1 {
			code = other.Code(i) // asked of the station
		}
		switch _, err := l.LookupTicket(ctx, code); kiosk.ErrorCode(err) {
		case kiosk.ENOTFOUND:
			if refused > 0 {
				t.Fatalf("code %d answered after a refusal", i)
			}
		case kiosk.ELIMITED:
			refused++
		default:
			t.Fatalf("code %d: %v", i, err)
		}
	}
	if refused != 15 {
		t.Fatalf("%d of 20 wrong codes refused, want 15 (5 a minute)", refused)
	}
	if _, err := l.LookupTicket(ctx, s.Ticket); kiosk.ErrorCode(err) != kiosk.ELIMITED {
		t.Fatalf("a right code while limited: %v", err)
	}
	now = now.Add(time.Minute)
	if _, err := l.LookupTicket(ctx, s.Ticket); err != nil {
		t.Fatalf("a right code a minute later: %v", err)
	}
	for i := range int64(3) {
		if _, err := l.LookupTicket(ctx, own.Code(2000+i)); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
			t.Fatalf("wrong code %d of the second minute: %v", i, err)
		}
	}
	now = now.Add(time.Minute)
	if _, err := l.LookupTicket(ctx, own.Code(3000)); kiosk.ErrorCode(err) != kiosk.ELIMITED {
		t.Fatalf("past the hour's 8 wrong codes: %v", err)
	}
	now = now.Add(time.Hour)
	if _, err := l.LookupTicket(ctx, s.Ticket); err != nil {
		t.Fatalf("an hour later: %v", err)
	}
}
