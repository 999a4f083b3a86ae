// Command fynehello is Fyne's hello-world window: the baseline that
// deploy/bench-attract.sh measures the kiosk's attract screen against (the
// GL driver's own idle cost under the same X server).
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello Fyne!"))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}
