package display_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"opinionwall/display"
	"opinionwall/display/displaytest"
)

// okButton returns the maintenance pad's OK button.
func okButton(t *testing.T, f *displaytest.Kiosk) *widget.Button {
	t.Helper()
	for _, o := range f.Objects() {
		if b, ok := o.(*widget.Button); ok && b.Text == display.Tr("zh", "admin.enter") {
			return b
		}
	}
	t.Fatal("no OK button on the maintenance pad")
	return nil
}

// typePIN taps the digits of pin on the pad.
func typePIN(f *displaytest.Kiosk, pin string) {
	for _, d := range pin {
		f.Tap(string(d))
	}
}

// TestAdminPINDoesNotTellItsLength: the maintenance pad shows the same
// line for one digit typed as for six or eight, and typing the PIN's
// length of digits (right or wrong) neither opens the screen nor says
// "wrong": only OK checks the PIN.
func TestAdminPINDoesNotTellItsLength(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap(display.Tr("zh", "attract.call"))
	for range 5 {
		f.TapCorner()
	}
	f.Want(display.Tr("zh", "admin.pin"))
	before := f.Texts()
	var shown []string
	for _, pin := range []string{"1", "111111", "11111111", "480731"} {
		f.Tap(display.Tr("zh", "kbd.clear"))
		typePIN(f, pin)
		shown = append(shown, f.Texts())
	}
	for i, s := range shown {
		if s != shown[0] {
			t.Errorf("the pad after %d digits shows\n%s\nafter 1 digit\n%s", []int{1, 6, 8, 6}[i], s, shown[0])
		}
		if strings.Contains(s, display.Tr("zh", "admin.wrong")) || strings.Contains(s, opened()) {
			t.Errorf("the PIN was checked before OK:\n%s", s)
		}
	}
	if shown[0] == before {
		t.Error("typing shows nothing at all")
	}
	f.Tap(display.Tr("zh", "admin.enter"))
	f.Want(opened())
}

// TestAdminPINBacksOff: each wrong PIN makes the next try wait longer (1,
// 2, 4 s …), the wait counted down on the screen with OK off; the right
// PIN typed during the wait does not open the screen; after the wait it
// does.
func TestAdminPINBacksOff(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap(display.Tr("zh", "attract.call"))
	for range 5 {
		f.TapCorner()
	}
	wait := func(s int) string { return strings.ReplaceAll(display.Tr("zh", "admin.wait"), "%d", strconv.Itoa(s)) }
	for i, w := range []int{1, 2, 4, 8} {
		typePIN(f, "111111")
		f.Tap(display.Tr("zh", "admin.enter"))
		f.Want(wait(w))
		if !okButton(t, f).Disabled() {
			t.Fatalf("OK is on during the wait after wrong PIN %d", i+1)
		}
		okButton(t, f).Tapped(nil) // a tap on the disabled button does nothing
		f.Want(wait(w))
		if w > 1 {
			f.Clk.Advance(time.Second)
			f.K.Tick()
			f.Want(wait(w - 1)) // counted down by the kiosk's tick
		}
		f.Clk.Advance(time.Duration(w) * time.Second)
		f.K.Tick()
		if f.Has(wait(1)) || okButton(t, f).Disabled() {
			t.Fatalf("still waiting after the wait of %d s", w)
		}
		f.Want(display.Tr("zh", "admin.wrong"))
	}
	// The right PIN right after a wrong one: refused while the wait runs.
	typePIN(f, "111111")
	f.Tap(display.Tr("zh", "admin.enter"))
	typePIN(f, "480731")
	okButton(t, f).OnTapped() // as if the button were on: the wait still refuses
	if f.Has(opened()) {
		t.Fatal("the right PIN opened the screen during the wait")
	}
	f.Clk.Advance(time.Minute)
	f.K.Tick()
	typePIN(f, "480731")
	f.Tap(display.Tr("zh", "admin.enter"))
	f.Want(opened())
}

// opened is what only the maintenance screen shows past the PIN.
func opened() string { return display.Tr("zh", "admin.kiosk") + ": wall-01" }
