package display

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// review shows the submission as it will be sent, masked text included.
func (k *Kiosk) review(v session.View) fyne.CanvasObject {
	d := v.Draft.Body
	parts := []fyne.CanvasObject{k.title(k.t("review.title"))}
	line := func(s string) { parts = append(parts, k.text(s)) }
	switch v.Draft.Kind {
	case kiosk.KindOpinion:
		if t, ok := k.d.Config.Topic(d.Topic); ok {
			line(t.Name.In(v.Lang))
			for _, p := range t.Phrases {
				for _, id := range d.Phrases {
					if id == p.ID {
						line("· " + p.Text.In(v.Lang))
					}
				}
			}
		}
		if d.Location != nil {
			line(d.Location.Street + " " + d.Location.Building)
		}
		if d.Text != "" {
			line("“" + d.Text + "”")
		}
		if d.Contact != nil {
			line(k.t("review.contact") + ": " + maskPhone(d.Contact.Phone))
		} else {
			line(k.t("review.anon"))
		}
	case kiosk.KindRating:
		if t, ok := k.d.Config.Service(d.Topic); ok {
			line(t.Name.In(v.Lang))
		}
		// The face chosen, as large as a target, beside its word: the
		// picture says it for those who read little.
		face := canvas.NewImageFromResource(k.picture(facePicture(d.Rating)))
		face.FillMode = canvas.ImageFillContain
		face.SetMinSize(fyne.NewSize(k.target()*1.5, k.target()*1.5))
		parts = append(parts, container.NewHBox(face, container.NewCenter(k.fixedLine(k.t("rating."+strconv.Itoa(int(d.Rating))), 1.2, true))))
		for _, p := range k.d.Config.RatingReasons {
			for _, id := range d.Reasons {
				if id == p.ID {
					line("· " + p.Text.In(v.Lang))
				}
			}
		}
	case kiosk.KindVote:
		if v.Poll != nil {
			line(v.Poll.Title.In(v.Lang))
			if o, ok := v.Poll.Option(d.Option); ok {
				line("→ " + o.Text.In(v.Lang))
			}
		}
	}
	k.next = k.big(k.t("review.submit"), true, k.act(func() error { return k.d.Session.Submit(context.Background()) }))
	return container.NewVBox(parts...)
}
