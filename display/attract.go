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
// faces; elsewhere the way in (拿起话筒 on a booth), the month's figures and
// the station's phone beside a published reply in turn and the items open
// for voting (one column on a portrait screen).
func (k *Kiosk) attract(v session.View) fyne.CanvasObject {
	if day := k.dayAttract(v); day != nil {
		return day
	}
	if k.d.Config.Kiosk.Attract == kiosk.AttractRating && len(k.d.Config.Services) > 0 {
		return k.attractRating(v)
	}
	s := k.d.Session
	text := k.th.Size(theme.SizeNameText)
	call := k.picTile(k.t("attract.call"), "opinion", 4*text, true, true, k.act(func() error { s.Wake(kiosk.ChannelTouch); return nil }))
	left := container.NewVBox(call)
	if k.d.Config.Kiosk.Role == kiosk.RoleBooth {
		left.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, k.image("handset", 4*text), nil,
			container.NewVBox(k.title(k.t("attract.handset")), k.text(k.t("attract.handsetsub")))), call}
	}
	left.Add(k.title(k.t("attract.sub")))
	w, err := k.d.Snapshots.Wall(context.Background())
	switch {
	case k.announcement.Zh != "" && (k.announceTill.IsZero() || k.d.Now().Before(k.announceTill)):
		left.Add(k.message(k.announcement.In(v.Lang)))
	case err == nil && w.Announcement.Zh != "":
		left.Add(k.message(w.Announcement.In(v.Lang)))
	}
	if err == nil && w.Figures != nil && w.Figures.Month == k.d.Now().Format("2006-01") {
		left.Add(k.bold(fmt.Sprintf(k.t("attract.figures"), w.Figures.Received, w.Figures.Replied), fyne.TextAlignCenter))
	}
	if p := k.d.Config.Station.Phone; p != "" {
		left.Add(container.NewBorder(nil, nil, k.image("handset", 2*text), nil, k.bold(k.t("attract.phone")+"  "+p, fyne.TextAlignLeading)))
	}
	right := container.NewVBox()
	shown := -1
	if err == nil && len(w.Items) > 0 {
		shown = int(k.d.Now().Unix()/rotateSeconds) % len(w.Items)
		right.Add(k.wallCard(w.Items[shown]))
	}
	if items := k.openItems(); items != nil && k.panelSize().Height >= 600 { // a short panel has room for the reply alone
		right.Add(k.separator())
		right.Add(items)
	}
	clock := k.fixedLine(k.d.Now().Format("2006-01-02 15:04"), 1, false)
	clock.Alignment = fyne.TextAlignTrailing
	k.rotate = func() bool {
		// The next reply and the time, in place: rebuilding the whole
		// screen every turn would cost an idle kiosk its CPU.
		now, err2 := k.d.Snapshots.Wall(context.Background())
		if err2 != nil || err != nil || now.Version != w.Version || shown < 0 {
			return false // the wall changed: draw everything anew
		}
		if next := int(k.d.Now().Unix()/rotateSeconds) % len(w.Items); next != shown {
			shown = next
			k.pool.begin() // the card's widgets come from the pool by their text, as in a redraw
			right.Objects[0] = k.wallCard(w.Items[shown])
			k.pool.end()
			right.Refresh()
		}
		clock.Text = k.d.Now().Format("2006-01-02 15:04")
		clock.Refresh()
		return true
	}
	var body fyne.CanvasObject = container.NewVBox(left, right)
	if size := k.win.Canvas().Size(); size.Width >= size.Height {
		body = grid(2, left, right)
	}
	// In a scroll: wrapped labels ask for their height at the width they
	// get, and must not grow the window before they have it.
	// The top row keeps the admin corner's square free.
	top := container.NewBorder(nil, nil, minSize(k.text(""), minTarget, minTarget), nil, clock)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, k.scroll("attract", body)))
}

// wallCard is one published reply: the topic's picture, the opinion, the
// station's reply and the day it was published.
func (k *Kiosk) wallCard(it kiosk.WallItem) fyne.CanvasObject {
	pic := "speech"
	if t, ok := k.d.Config.Topic(it.Topic); ok {
		pic = t.Picture()
	}
	words := container.NewVBox(k.title(k.t("attract.wall")), k.bold(it.Question, fyne.TextAlignLeading),
		k.text(k.t("wall.reply")+k.inLang(it.Reply, it.ReplyEn)))
	if !it.PublishedAt.IsZero() {
		words.Add(k.label(it.PublishedAt.In(k.d.Now().Location()).Format("2006-01-02"), fyne.TextAlignTrailing, fyne.TextStyle{}, theme.SizeNameCaptionText, widget.MediumImportance))
	}
	if k.panelSize().Height < 600 {
		return words // a short panel needs the picture's width for the reply's lines
	}
	return container.NewBorder(nil, nil, container.NewVBox(k.image(pic, 3*k.th.Size(theme.SizeNameText))), nil, words)
}

// openItems lists the deliberation items open for voting, at most two;
// nil when there are none.
func (k *Kiosk) openItems() fyne.CanvasObject {
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
	return container.NewBorder(nil, nil, container.NewVBox(k.image("vote", 3*k.th.Size(theme.SizeNameText))), nil, items)
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
	if p := k.d.Config.Station.Phone; p != "" {
		parts = append(parts, k.label(k.t("attract.phone")+"  "+p, fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance))
	}
	return container.NewPadded(container.NewVBox(parts...))
}

// image is a picture size px square, not tappable; pooled, so that a
// redraw keeps its texture.
func (k *Kiosk) image(name string, size float32) fyne.CanvasObject {
	res := k.picture(name)
	o, key := k.pool.get("image", res.Name()+fmt.Sprint(size))
	img, _ := o.(*canvas.Image)
	if img == nil {
		img = canvas.NewImageFromResource(res)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(size, size))
		k.pool.put(key, img)
	}
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
	// Pictures four lines of text high, smaller on a short panel, so that
	// both rows of tiles fit under the header.
	size := 4 * k.th.Size(theme.SizeNameText)
	if h := k.panelSize().Height; h < 600 {
		size = min(size, float32(int(h/9)))
	}
	tile := func(key string, f session.Flow) fyne.CanvasObject {
		return k.picTile(k.t(key), homePictures[key], size, true, false, start(f))
	}
	cols := 3
	if k.panelSize().Height < 600 {
		cols = 5 // a short panel: one row, as many as fit across
	}
	return container.NewVBox(append(k.dayBanner(), k.title(k.t("home.title")), k.pagedGrid("home", cols, []fyne.CanvasObject{
		tile("home.opinion", session.FlowOpinion), tile("home.rating", session.FlowRating),
		tile("home.vote", session.FlowVote), tile("home.lookup", session.FlowLookup),
		tile("home.wall", session.FlowWall),
	}))...)
}

// inLang picks the English of a station's text for a resident reading
// English, when the station wrote one.
func (k *Kiosk) inLang(zh, en string) string {
	if k.lang() == "en" && en != "" {
		return en
	}
	return zh
}
