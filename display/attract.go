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

// attract invites a passer-by, shows a published reply and the time.
func (k *Kiosk) attract(v session.View) fyne.CanvasObject {
	if day := k.dayAttract(v); day != nil {
		return day
	}
	s := k.d.Session
	wake := k.act(func() error { s.Wake(kiosk.ChannelTouch); return nil })
	call := k.button(k.t("attract.call"), wake)
	call.Importance = widget.HighImportance
	call.Refresh()
	parts := []fyne.CanvasObject{
		k.label(k.d.Now().Format("2006-01-02 15:04"), fyne.TextAlignTrailing, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance),
		spacer(),
		minSize(call, 6*minTarget, 3*minTarget),
		k.title(k.t("attract.sub")),
	}
	w, err := k.d.Snapshots.Wall(context.Background())
	switch {
	case k.announcement.Zh != "" && (k.announceTill.IsZero() || k.d.Now().Before(k.announceTill)):
		parts = append(parts, k.message(k.announcement.In(v.Lang)))
	case err == nil && w.Announcement.Zh != "":
		parts = append(parts, k.message(w.Announcement.In(v.Lang)))
	}
	if err == nil && len(w.Items) > 0 {
		// Rotate through the wall, one reply a minute.
		it := w.Items[int(k.d.Now().Unix()/60)%len(w.Items)]
		parts = append(parts, k.separator(), k.title(k.t("attract.wall")), k.text(it.Question), k.text("→ "+k.inLang(it.Reply, it.ReplyEn)))
	}
	parts = append(parts, spacer())
	return container.NewPadded(container.NewVBox(parts...))
}

// home offers the five things a resident can do.
func (k *Kiosk) home(v session.View) fyne.CanvasObject {
	s := k.d.Session
	start := func(f session.Flow) func() {
		return k.act(func() error {
			if f == session.FlowVote {
				p, err := k.d.Snapshots.Polls(context.Background())
				if err != nil {
					return err
				}
				k.polls = openPolls(p.Polls, k.d.Now)
			}
			return s.Start(f)
		})
	}
	tile := func(key string, f session.Flow) fyne.CanvasObject {
		b := k.button(k.t(key), start(f))
		b.Importance = widget.HighImportance
		b.Refresh()
		return minSize(b, 4*minTarget, 2*minTarget)
	}
	return container.NewVBox(append(k.dayBanner(), k.title(k.t("home.title")), grid(2,
		tile("home.opinion", session.FlowOpinion), tile("home.rating", session.FlowRating),
		tile("home.vote", session.FlowVote), tile("home.lookup", session.FlowLookup),
		tile("home.wall", session.FlowWall),
	))...)
}

// inLang picks the English of a station's text for a resident reading
// English, when the station wrote one.
func (k *Kiosk) inLang(zh, en string) string {
	if k.lang() == "en" && en != "" {
		return en
	}
	return zh
}
