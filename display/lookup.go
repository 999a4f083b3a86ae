package display

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// codeEntry takes a ticket code on the digit pad, grouped as it is printed.
func (k *Kiosk) codeEntry(v session.View) fyne.CanvasObject {
	s := k.d.Session
	shown := k.code
	if len(shown) > 6 {
		shown = shown[:3] + " " + shown[3:6] + " " + shown[6:]
	} else if len(shown) > 3 {
		shown = shown[:3] + " " + shown[3:]
	}
	l := k.label(shown+"｜", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance)
	k.next = k.big(k.t("lookup.find"), true, k.act(func() error { return s.LookUp(context.Background(), k.code) }))
	return container.NewVBox(k.title(k.t("lookup.code")), l,
		container.NewCenter(k.digitPad(v.Lang, &k.code, kiosk.TicketDigits, func() { k.d.Session.Touch(); k.Refresh() })))
}

// statusSteps is the timeline shown for a ticket.
var statusSteps = []kiosk.TicketStatus{kiosk.StatusQueued, kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusReplied, kiosk.StatusClosed}

// result shows a ticket's progress and the station's reply.
func (k *Kiosk) result(v session.View) fyne.CanvasObject {
	u := v.Lookup
	parts := []fyne.CanvasObject{k.title(kiosk.FormatTicket(u.Ticket))}
	reached := true
	for _, st := range statusSteps {
		mark := "✓ "
		if !reached {
			mark = "· "
		}
		l := k.text(mark + k.t("lookup."+string(st)))
		if st == u.Status {
			l = k.label(mark+k.t("lookup."+string(st)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.HighImportance)
			reached = false
		}
		parts = append(parts, l)
	}
	if u.Reply != "" {
		parts = append(parts, k.separator(), k.text(k.t("lookup.reply")+k.inLang(u.Reply, u.ReplyEn)))
	}
	parts = append(parts, k.lookupDeliberation(u)...)
	return container.NewVBox(parts...)
}
