package display

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

func (k *Kiosk) openAdmin() {
	k.admin, k.pin, k.adminBad, k.hwResult = true, "", false, ""
	k.Refresh()
}

// adminScreen asks for the PIN, then shows the kiosk's state.
func (k *Kiosk) adminScreen() fyne.CanvasObject {
	lang := k.lang()
	closeB := k.big(tr(lang, "admin.close"), false, func() { k.admin, k.pin = false, ""; k.Refresh() })
	if k.pin != k.d.Config.Kiosk.AdminPIN {
		parts := []fyne.CanvasObject{k.title(tr(lang, "admin.pin")),
			k.bold(maskPIN(k.pin), fyne.TextAlignCenter)}
		if k.adminBad {
			parts = append(parts, k.message(tr(lang, "admin.wrong")))
		}
		parts = append(parts, container.NewCenter(k.digitPad(lang, &k.pin, 8, func() {
			k.adminBad = len(k.pin) >= len(k.d.Config.Kiosk.AdminPIN) && k.pin != k.d.Config.Kiosk.AdminPIN
			if k.adminBad {
				k.pin = ""
			}
			k.Refresh()
		})), closeB)
		return container.NewVBox(parts...)
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

func maskPIN(p string) string {
	out := make([]rune, len(p))
	for i := range out {
		out[i] = '●'
	}
	return string(out)
}
