package display

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// codeEntry takes a ticket code on the digit pad, grouped as it is printed.
// While the station is asked about another kiosk's code it says so; when
// the station cannot be asked it says that plainly, with its phone number.
func (k *Kiosk) codeEntry(v session.View) fyne.CanvasObject {
	shown := k.code
	if len(shown) > 6 {
		shown = shown[:3] + " " + shown[3:6] + " " + shown[6:]
	} else if len(shown) > 3 {
		shown = shown[:3] + " " + shown[3:]
	}
	l := k.label(shown+"｜", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance) // while asking
	if k.asking {
		return container.NewVBox(k.title(k.t("lookup.code")), l,
			k.label(k.t("lookup.asking"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText, widget.HighImportance))
	}
	if kiosk.ErrorCode(v.Err) == kiosk.EOFFLINE {
		return container.NewVBox(k.title(k.t("lookup.code")), l, k.unreachable())
	}
	if kiosk.ErrorCode(v.Err) == kiosk.ELIMITED {
		return k.limited()
	}
	k.next = k.big(k.t("lookup.find"), true, k.find)
	return k.padScreen(v, k.t("lookup.code"), shown+"｜", &k.code, kiosk.TicketDigits, func() { k.d.Session.Touch(); k.Refresh() })
}

// limited says there were too many wrong codes: no pad to type more on,
// why in words, the station (where to ask instead) in a picture, and a big
// way home.
func (k *Kiosk) limited() fyne.CanvasObject {
	img := canvas.NewImageFromResource(k.picture("station"))
	img.FillMode = canvas.ImageFillContain
	side := 3 * k.th.Size(theme.SizeNameText)
	img.SetMinSize(fyne.NewSize(side, side))
	s := k.d.Session
	k.next = k.big(k.t("nav.home"), true, k.act(func() error { k.resetInputs(); s.GoHome(); return nil }))
	// No "type your code" title: there is nothing to type on. The words
	// first, so the smallest screen in large text shows them whole.
	return container.NewVBox(
		k.label(k.t("lookup.limited"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText, widget.DangerImportance),
		container.NewCenter(img))
}

// unreachable tells the resident that the station cannot be asked now and
// how to reach it instead, in words (not in colour alone).
func (k *Kiosk) unreachable() fyne.CanvasObject {
	parts := []fyne.CanvasObject{
		k.label(k.t("lookup.offline"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText, widget.DangerImportance),
	}
	if phone := k.d.Config.Station.Phone; phone != "" {
		parts = append(parts, k.label(k.t("lookup.later"), fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance),
			k.label("☎ "+phone, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance))
	} else {
		parts = append(parts, k.label(k.t("lookup.nophone"), fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance))
	}
	k.next = k.big(k.t("lookup.retry"), true, k.find)
	return container.NewVBox(parts...)
}

// find looks the typed code up: at once when it is this kiosk's, off the
// UI thread when the station must be asked (up to the lookup timeout),
// with the screen saying so meanwhile.
func (k *Kiosk) find() {
	s, code := k.d.Session, k.code
	if !s.NeedsStation(code) {
		k.act(func() error { return s.LookUp(context.Background(), code) })()
		return
	}
	ask, err := s.BeginLookUp(code)
	if err != nil {
		k.act(func() error { return err })()
		return
	}
	k.asking, k.notice = true, ""
	k.Refresh()
	go func() {
		u, err := ask(context.Background()) // the lookup bounds the wait
		fyne.Do(func() {
			if !k.asking || k.code != code {
				return // the resident moved on
			}
			k.asking = false
			k.act(func() error { return s.Found(code, u, err) })()
		})
	}()
}

// statusSteps are every status a ticket can have, in the order of its life.
var statusSteps = []kiosk.TicketStatus{kiosk.StatusQueued, kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned,
	kiosk.StatusInProgress, kiosk.StatusReplied, kiosk.StatusClosed}

// progress are the steps of the status line; stage gives each status's
// place on it (-1: not on it: saved here, or taken off the usual path).
var progress = []string{"progress.received", "progress.triaged", "progress.assigned", "progress.replied", "progress.closed"}

// progressStatus is the status each step of the line stands for: its picture.
var progressStatus = []kiosk.TicketStatus{kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusReplied, kiosk.StatusClosed}

func stage(st kiosk.TicketStatus) int {
	switch st {
	case kiosk.StatusReceived:
		return 0
	case kiosk.StatusTriaged:
		return 1
	case kiosk.StatusAssigned, kiosk.StatusInProgress:
		return 2
	case kiosk.StatusReplied:
		return 3
	case kiosk.StatusClosed:
		return 4
	}
	return -1
}

// result shows a ticket: the station's reply first and large, then where
// the case is now in one sentence, and the status line with the steps done
// ticked and the current one marked.
func (k *Kiosk) result(v session.View) fyne.CanvasObject {
	u := v.Lookup
	parts := []fyne.CanvasObject{k.title(kiosk.FormatTicket(u.Ticket))}
	if reply := k.inLang(u.Reply, u.ReplyEn); reply != "" {
		head := "lookup.reply"
		if u.Status == kiosk.StatusNotApplicable {
			head = "lookup.reason"
		}
		parts = append(parts, k.bold(k.t(head), fyne.TextAlignLeading),
			k.label(reply, fyne.TextAlignLeading, fyne.TextStyle{}, theme.SizeNameSubHeadingText, widget.MediumImportance))
		parts = append(parts, k.lookupReferrals(u)...)
		parts = append(parts, k.separator())
	}
	parts = append(parts, k.label(k.t("lookup.now")+k.t("lookup."+string(u.Status)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.HighImportance))
	if at := stage(u.Status); at >= 0 {
		parts = append(parts, k.statusLine(u.Status, at))
	}
	k.next = k.big(k.t("lookup.another"), false, k.act(func() error { k.code = ""; k.d.Session.Back(); return nil }))
	if !u.UpdatedAt.IsZero() {
		parts = append(parts, k.text(k.t("lookup.updated")+" "+u.UpdatedAt.Local().Format("2006-01-02")))
	}
	parts = append(parts, k.lookupItem(u)...)
	return container.NewVBox(parts...)
}

// statusLine is the line of a ticket's steps, each a small picture over
// its word: the steps done ticked, the current one marked (its picture the
// status itself, such as 办理中), the ones to come greyed.
func (k *Kiosk) statusLine(st kiosk.TicketStatus, at int) fyne.CanvasObject {
	steps := make([]fyne.CanvasObject, len(progress))
	side := 1.5 * k.th.Size(theme.SizeNameText)
	for i, key := range progress {
		pic := progressStatus[i]
		var l *widget.Label
		switch {
		case i < at:
			l = k.label("✓ "+k.t(key), fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance)
		case i == at:
			pic = st
			l = k.label("✓ "+k.t(key), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.HighImportance)
		default:
			l = k.label("○ "+k.t(key), fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.LowImportance)
		}
		img := canvas.NewImageFromResource(k.picture(statusPicture(pic)))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(side, side))
		if i > at {
			img.Translucency = 0.6 // not reached yet
		}
		steps[i] = container.NewVBox(container.NewCenter(img), l)
	}
	return grid(len(steps), steps...)
}
