package display

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func (k *Kiosk) openAdmin() {
	k.admin, k.pin, k.adminIn, k.adminBad, k.hwResult = true, "", false, false, ""
	k.Refresh()
}

// adminScreen asks for the PIN, then shows the kiosk's state.
func (k *Kiosk) adminScreen() fyne.CanvasObject {
	lang := k.lang()
	closeB := k.big(tr(lang, "admin.close"), false, func() { k.admin, k.adminIn, k.pin = false, false, ""; k.Refresh() })
	if !k.adminIn {
		return k.adminPIN(lang, closeB)
	}
	parts := []fyne.CanvasObject{k.title(tr(lang, "admin.title"))}
	if k.d.Admin != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		for _, l := range k.d.Admin(ctx) {
			parts = append(parts, k.text(l.Name+": "+l.Value))
		}
	}
	parts = append(parts, k.text(tr(lang, "admin.kiosk")+": "+k.d.Config.Kiosk.ID+" ("+string(k.d.Config.Kiosk.Role)+")"))
	if k.d.HardwareTest != nil {
		parts = append(parts, k.big(tr(lang, "admin.hwtest"), false, func() { k.hwResult = k.d.HardwareTest(); k.Refresh() }))
		if k.hwResult != "" {
			parts = append(parts, k.text(k.hwResult))
		}
	}
	if k.d.Restart != nil {
		parts = append(parts, k.big(tr(lang, "admin.restart"), false, k.d.Restart))
	}
	parts = append(parts, closeB)
	return k.scroll("admin", container.NewVBox(parts...))
}

// adminPIN is the maintenance PIN's pad. It does not tell the PIN's
// length: the line above the pad shows the same mask for any number of
// digits typed, and the PIN is checked only when OK is tapped. After a
// wrong PIN the next try waits, longer each time (kiosk.PINBackoff): OK is
// off and the screen counts the seconds down (Tick redraws it).
func (k *Kiosk) adminPIN(lang string, closeB fyne.CanvasObject) fyne.CanvasObject {
	// One line under the title, so that the pad keeps its place on the
	// smallest panel: the wait while it runs, else the mask once a digit
	// is typed, else the last try's refusal.
	wait := k.adminWait()
	var line fyne.CanvasObject = k.bold(" ", fyne.TextAlignCenter)
	switch {
	case wait > 0:
		line = k.message(fmt.Sprintf(tr(lang, "admin.wait"), wait))
	case k.pin != "":
		line = k.bold(pinMask, fyne.TextAlignCenter)
	case k.adminBad:
		line = k.message(tr(lang, "admin.wrong"))
	}
	parts := []fyne.CanvasObject{k.title(tr(lang, "admin.pin")), line}
	k.adminShown = wait
	ok := k.button(tr(lang, "admin.enter"), func() {
		in, _ := k.adminTries.Try(k.pin, k.d.Config.Kiosk.AdminPIN, k.d.Now())
		k.adminIn, k.adminBad, k.pin = in, !in, ""
		k.Refresh()
	})
	ok.Importance = widget.HighImportance
	if wait > 0 {
		ok.Disable()
	} else {
		ok.Enable()
	}
	t := k.target()
	parts = append(parts, container.NewCenter(k.digitPad(lang, &k.pin, 12, k.Refresh)),
		container.NewGridWithColumns(2, closeB, minSize(ok, 2*t, t)))
	return container.NewVBox(parts...)
}

// pinMask stands for any PIN typed, whatever its length.
const pinMask = "● ● ● ● ● ●"

// adminWait is the whole seconds the maintenance PIN's next try waits.
func (k *Kiosk) adminWait() int {
	return int((k.adminTries.Wait(k.d.Now()) + time.Second - 1) / time.Second)
}
