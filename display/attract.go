package display

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// rotateSeconds is how long the attract screen shows one published reply
// before the next: the screen is redrawn once per slot, not animated, so
// an idle kiosk stays idle between.
const rotateSeconds = 10

// attract invites a passer-by: on a rating kiosk the question and the
// faces; elsewhere the way in (拿起话筒 on a booth), a published reply in
// turn, the month's figures, the items open for voting and the station's
// phone.
func (k *Kiosk) attract(v session.View) fyne.CanvasObject {
	if k.d.Config.Kiosk.Attract == kiosk.AttractRating && len(k.d.Config.Services) > 0 {
		return k.attractRating(v)
	}
	s := k.d.Session
	wake := k.act(func() error { s.Wake(kiosk.ChannelTouch); return nil })
	call := k.button(k.t("attract.call"), wake)
	call.Importance = widget.HighImportance
	call.Refresh()
	clock := k.label(k.d.Now().Format("2006-01-02 15:04"), fyne.TextAlignTrailing, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance)
	var invite fyne.CanvasObject = minSize(call, 6*minTarget, 2*minTarget)
	if k.d.Config.Kiosk.Role == kiosk.RoleBooth {
		invite = container.NewBorder(nil, nil, k.image("handset", 2*minTarget), minSize(call, 4*minTarget, 2*minTarget),
			container.NewVBox(k.title(k.t("attract.handset")), k.text(k.t("attract.handsetsub"))))
	}
	parts := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, clock, invite), k.title(k.t("attract.sub"))}
	w, err := k.d.Snapshots.Wall(context.Background())
	switch {
	case k.announcement.Zh != "" && (k.announceTill.IsZero() || k.d.Now().Before(k.announceTill)):
		parts = append(parts, k.message(k.announcement.In(v.Lang)))
	case err == nil && w.Announcement.Zh != "":
		parts = append(parts, k.message(w.Announcement.In(v.Lang)))
	}
	if err == nil && w.Figures != nil && w.Figures.Month == k.d.Now().Format("2006-01") {
		parts = append(parts, k.bold(fmt.Sprintf(k.t("attract.figures"), w.Figures.Received, w.Figures.Replied), fyne.TextAlignCenter))
	}
	if err == nil && len(w.Items) > 0 {
		it := w.Items[int(k.d.Now().Unix()/rotateSeconds)%len(w.Items)]
		parts = append(parts, k.separator(), k.wallCard(it))
	}
	parts = append(parts, k.openItems()...)
	if p := k.d.Config.Kiosk.StationPhone; p != "" {
		parts = append(parts, k.separator(), container.NewBorder(nil, nil, k.image("handset", 48), nil,
			k.bold(k.t("attract.phone")+"  "+p, fyne.TextAlignLeading)))
	}
	return container.NewPadded(container.NewVBox(parts...))
}

// wallCard is one published reply: the topic's picture, the opinion, the
// station's reply and the day it was published.
func (k *Kiosk) wallCard(it kiosk.WallItem) fyne.CanvasObject {
	pic := "speech"
	if t, ok := k.d.Config.Topic(it.Topic); ok {
		pic = t.Picture()
	}
	words := container.NewVBox(k.title(k.t("attract.wall")), k.bold(it.Question, fyne.TextAlignLeading),
		k.text("→ "+k.inLang(it.Reply, it.ReplyEn)))
	if !it.PublishedAt.IsZero() {
		words.Add(k.label(it.PublishedAt.In(k.d.Now().Location()).Format("2006-01-02"), fyne.TextAlignTrailing, fyne.TextStyle{}, theme.SizeNameCaptionText, widget.MediumImportance))
	}
	return container.NewBorder(nil, nil, container.NewVBox(k.image(pic, 2*minTarget)), nil, words)
}

// openItems lists the deliberation items open for voting, at most two.
func (k *Kiosk) openItems() []fyne.CanvasObject {
	p, err := k.d.Snapshots.Polls(context.Background())
	if err != nil {
		return nil
	}
	open := openPolls(p.Polls, k.d.Now)
	if len(open) == 0 {
		return nil
	}
	items := container.NewVBox(k.bold(k.t("attract.polls"), fyne.TextAlignLeading))
	for i, q := range open {
		if i == 2 {
			break
		}
		line := q.Title.In(k.lang())
		if !q.Closes.IsZero() {
			line += "  (" + k.t("vote.closes") + " " + q.Closes.In(k.d.Now().Location()).Format("01-02") + ")"
		}
		items.Add(k.text(line))
	}
	return []fyne.CanvasObject{k.separator(), container.NewBorder(nil, nil, container.NewVBox(k.image("vote", 2*minTarget)), nil, items)}
}

// attractRating is a rating kiosk's attract screen: the question naming
// its service over the faces, in the order of the buttons below; a tap on
// a face counts as a press.
func (k *Kiosk) attractRating(v session.View) fyne.CanvasObject {
	s := k.d.Session
	svc := k.d.Config.Services[0]
	faces := k.faces(func(r kiosk.Rating) func() {
		return k.act(func() error { _, err := s.ButtonRating(context.Background(), r, kiosk.ChannelTouch); return err })
	})
	call := k.button(k.t("attract.call"), k.act(func() error { s.Wake(kiosk.ChannelTouch); return nil }))
	parts := []fyne.CanvasObject{spacer(), k.title(k.question(svc.ID)), faces, k.text(k.t("attract.press")), spacer(),
		container.NewHBox(spacer(), minSize(call, 4*minTarget, minTarget+16), spacer())}
	if p := k.d.Config.Kiosk.StationPhone; p != "" {
		parts = append(parts, k.label(k.t("attract.phone")+"  "+p, fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance))
	}
	return container.NewPadded(container.NewVBox(parts...))
}

// image is a picture size px square, not tappable.
func (k *Kiosk) image(name string, size float32) fyne.CanvasObject {
	img := canvas.NewImageFromResource(k.picture(name))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(size, size))
	return img
}

// home offers the five things a resident can do, each a picture tile.
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
		return k.picTile(k.t(key), homePictures[key], 4*k.th.Size(theme.SizeNameText), true, false, start(f))
	}
	return container.NewVBox(k.title(k.t("home.title")), grid(3,
		tile("home.opinion", session.FlowOpinion), tile("home.rating", session.FlowRating),
		tile("home.vote", session.FlowVote), tile("home.lookup", session.FlowLookup),
		tile("home.wall", session.FlowWall),
	))
}

// inLang picks the English of a station's text for a resident reading
// English, when the station wrote one.
func (k *Kiosk) inLang(zh, en string) string {
	if k.lang() == "en" && en != "" {
		return en
	}
	return zh
}
