package station

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// confirm asks before an irreversible step, saying what will happen; do
// runs only on the worker's yes.
func (s *App) confirm(what string, do func()) {
	d := dialog.NewCustomConfirm(s.t("confirm.title"), s.t("confirm.yes"), s.t("confirm.no"), wrap(what),
		func(yes bool) {
			if yes {
				do()
			}
		}, s.win)
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
}
