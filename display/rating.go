package display

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// services offers the services a resident can rate.
func (k *Kiosk) services(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var tiles []fyne.CanvasObject
	for _, t := range k.d.Config.Services {
		tiles = append(tiles, k.tile(t.Name.In(v.Lang), topicPicture(t), false, k.act(func() error {
			if err := s.ChooseService(t.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("rating.service")), k.pagedGrid("service", k.columns(2), tiles))
}

// question is what the kiosk asks about a service: its configured question,
// or the catalog's naming it.
func (k *Kiosk) question(id string) string {
	t, ok := k.d.Config.Service(id)
	if !ok {
		return k.t("rating.how")
	}
	if t.Question.Zh != "" {
		return t.Question.In(k.lang())
	}
	return fmt.Sprintf(k.t("rating.question"), t.Name.In(k.lang()))
}

// faces are the four rating faces in the order the buttons are mounted,
// left to right, so that the face above a button is the one it gives.
func (k *Kiosk) faces(fn func(r kiosk.Rating) func()) fyne.CanvasObject {
	// Four across, two by two on a portrait panel; the faces as large as
	// five lines of text, smaller when the panel is narrow or short.
	cols, p := 4, k.panelSize()
	if p.Width < p.Height {
		cols = 2
	}
	size := min(5*k.th.Size(theme.SizeNameText), (p.Width-40)/float32(cols)-2*tilePad-8, p.Height/5)
	var faces []fyne.CanvasObject
	for _, r := range k.d.Config.Hardware.ButtonsOrder.LeftToRight() {
		faces = append(faces, k.picTile(k.t("rating."+strconv.Itoa(int(r))), facePicture(r), size, true, false, fn(r)))
	}
	return grid(cols, faces...)
}

// ratings asks the question naming the service over the four faces.
func (k *Kiosk) ratings(v session.View) fyne.CanvasObject {
	s := k.d.Session
	return container.NewVBox(k.title(k.question(v.Draft.Body.Topic)), k.faces(func(r kiosk.Rating) func() {
		return k.act(func() error {
			if err := s.ChooseRating(r); err != nil {
				return err
			}
			return s.Next()
		})
	}))
}

// reasons offers what went wrong, for a low rating; after a dissatisfied
// button press, under the press's thanks.
func (k *Kiosk) reasons(v session.View) fyne.CanvasObject {
	s := k.d.Session
	chosen := map[string]bool{}
	for _, r := range v.Draft.Body.Reasons {
		chosen[r] = true
	}
	var chips []fyne.CanvasObject
	for i, p := range k.d.Config.RatingReasons {
		if i == 6 {
			break
		}
		chips = append(chips, k.chip(p.Text.In(v.Lang), chosen[p.ID], k.act(func() error { return s.ToggleReason(p.ID) })))
	}
	var top []fyne.CanvasObject
	if v.Holding {
		top = append(top, k.pressed(v, 4*k.th.Size(theme.SizeNameText)), k.separator())
		k.next = k.big(k.t("done.ok"), true, k.act(func() error { return s.ReasonsDone(context.Background()) }))
	} else {
		k.next = k.big(k.t("nav.next"), true, k.act(s.Next))
	}
	return container.NewVBox(append(top, k.title(k.t("rating.reasons")), k.pagedGrid("reasons", k.columns(2), chips))...)
}

// pressed is a button press's thanks: the face that was pressed, 谢谢, and
// the service rated, the face size px; single lines that never wrap.
func (k *Kiosk) pressed(v session.View, size float32) fyne.CanvasObject {
	face := canvas.NewImageFromResource(k.picture(facePicture(v.Pressed)))
	face.FillMode = canvas.ImageFillContain
	face.SetMinSize(fyne.NewSize(size, size))
	name := ""
	if t, ok := k.d.Config.Service(v.PressService); ok {
		name = t.Name.In(v.Lang)
	}
	words := container.NewVBox(k.fixedLine(k.t("rating.thanks"), 2, true), k.fixedLine(name+" · "+k.t("rating."+strconv.Itoa(int(v.Pressed))), 1.2, true))
	if v.Holding {
		return container.NewCenter(container.NewHBox(face, container.NewCenter(words)))
	}
	words.Add(k.fixedLine(k.t("rating.got"), 1, false))
	return container.NewCenter(container.NewVBox(container.NewCenter(face), words))
}

// fixedLine is one line of text scale times the theme's text size, centred,
// never wrapped: for short words shown large.
func (k *Kiosk) fixedLine(s string, scale float32, bold bool) *canvas.Text {
	t := canvas.NewText(s, k.th.Color(theme.ColorNameForeground, 0))
	t.TextSize, t.TextStyle, t.Alignment = scale*k.th.Size(theme.SizeNameText), fyne.TextStyle{Bold: bold}, fyne.TextAlignCenter
	return t
}

// thanks is the whole screen after a button press: the face large, 谢谢,
// the service. No receipt code: a bare rating needs none.
func (k *Kiosk) thanks(v session.View) fyne.CanvasObject {
	return k.pressed(v, 10*k.th.Size(theme.SizeNameText))
}
