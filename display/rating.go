package display

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// services offers the services a resident can rate.
func (k *Kiosk) services(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var tiles []fyne.CanvasObject
	for _, t := range k.d.Config.Services {
		tiles = append(tiles, k.tile(t.Name.In(v.Lang), t.Icon, false, k.act(func() error {
			if err := s.ChooseService(t.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("rating.service")), grid(k.columns(2), tiles...))
}

// ratings shows the four faces, very satisfied first.
func (k *Kiosk) ratings(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var faces []fyne.CanvasObject
	for r := 4; r >= 1; r-- {
		faces = append(faces, k.smiley(k.t("rating."+strconv.Itoa(r)), r, k.act(func() error {
			if err := s.ChooseRating(kiosk.Rating(r)); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("rating.how")), grid(4, faces...))
}

// reasons offers what went wrong, for a low rating.
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
	k.next = k.big(k.t("nav.next"), true, k.act(s.Next))
	return container.NewVBox(k.title(k.t("rating.reasons")), grid(k.columns(2), chips...))
}
