package display

import (
	"fmt"
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"rsc.io/qr"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// submitted is the receipt: the code large and grouped (126 658 404), a QR
// code to take it home by phone, and how long until the start screen.
func (k *Kiosk) submitted(v session.View) fyne.CanvasObject {
	r := kiosk.Receipt{Ticket: v.Ticket, QR: v.Ticket}
	if v.Receipt != nil {
		r = *v.Receipt
	}
	win := k.panelSize()
	wide := win.Width == 0 || win.Width > win.Height // landscape: the code beside the QR code
	size := float32(88)
	if v.Slow {
		size = 104
	}
	if avail := win.Width; avail > 0 {
		if wide {
			avail /= 2
		}
		size = min(size, (avail-2*theme.Padding())/6.2) // eleven characters, wide digits
	}
	code := canvas.NewText(kiosk.FormatTicket(r.Ticket), theme.Color(theme.ColorNameForeground))
	code.TextSize, code.TextStyle, code.Alignment = size, fyne.TextStyle{Bold: true}, fyne.TextAlignCenter
	caption := "done.qrcode"
	if r.QR != r.Ticket {
		caption = "done.qrurl"
	}
	side, reserve := float32(qrSide), float32(336) // the header, the title, the countdown and the button
	if v.Slow {
		reserve = 370
	}
	if win.Height > 0 {
		side = max(120, min(side, win.Height-reserve)) // in view on a 480 px screen
	}
	qrPart := container.NewVBox(container.NewCenter(k.qrImage(r.QR, side)), k.label(k.t(caption), fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance))
	words := container.NewVBox(code, k.text(k.t("done.next")))
	// The countdown sits over the button, in view on the smallest screen;
	// on a short panel beside it, leaving the code and the QR code room.
	countdown := fmt.Sprintf(k.t("done.countdown"), k.receiptLeft())
	ok := k.big(k.t("done.ok"), true, k.act(func() error { k.d.Session.Done(); return nil }))
	k.next = container.NewVBox(k.bold(countdown, fyne.TextAlignCenter), ok)
	if k.short() {
		k.next = container.NewBorder(nil, nil, container.NewCenter(k.fixedLine(countdown, 1, true)), nil, ok)
	}
	if wide {
		return container.NewVBox(k.title(k.t("done.title")), grid(2, words, qrPart))
	}
	return container.NewVBox(k.title(k.t("done.title")), words, qrPart)
}

// receiptLeft is how many whole seconds the receipt stays on screen.
func (k *Kiosk) receiptLeft() int {
	left := k.d.Session.Deadline().Sub(k.d.Now())
	return max(0, int((left+time.Second-1)/time.Second))
}

// qrSide is the QR code's side on screen where there is room: large
// enough for any phone at arm's length.
const qrSide = 200

// qrImage draws text as a QR code, black on white with its quiet zone,
// whatever the theme: phones read dark modules on a light ground.
func (k *Kiosk) qrImage(text string, side float32) fyne.CanvasObject {
	o, key := k.pool.get("qr", text)
	if img, ok := o.(*canvas.Image); ok {
		img.SetMinSize(fyne.NewSize(side, side))
		return img
	}
	var img *canvas.Image
	if c, err := qr.Encode(text, qr.M); err == nil {
		img = canvas.NewImageFromImage(qrBitmap(c))
	} else {
		img = canvas.NewImageFromImage(image.NewGray(image.Rect(0, 0, 1, 1)))
	}
	img.FillMode, img.ScaleMode = canvas.ImageFillContain, canvas.ImageScalePixels
	img.SetMinSize(fyne.NewSize(side, side))
	k.pool.put(key, img)
	return img
}

// qrBitmap is the code one pixel a module with a four-module quiet zone
// (rsc.io/qr's own Image leaves the zone out of its pixels).
func qrBitmap(c *qr.Code) image.Image {
	const quiet = 4
	n := c.Size + 2*quiet
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			img.SetGray(x, y, color.Gray{Y: 0xff})
			if c.Black(x-quiet, y-quiet) {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	return img
}
