package display

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// topics offers the opinion topics as tiles; a tap chooses one and moves on.
func (k *Kiosk) topics(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var tiles []fyne.CanvasObject
	for _, t := range k.d.Config.Topics {
		tiles = append(tiles, k.tile(t.Name.In(v.Lang), topicPicture(t), v.Draft.Body.Topic == t.ID, k.act(func() error {
			if err := s.ChooseTopic(t.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("opinion.topic")), grid(2, tiles...))
}

// location asks where: no particular place, or a street and a building
// number typed on the digit pad.
func (k *Kiosk) location(v session.View) fyne.CanvasObject {
	s := k.d.Session
	parts := []fyne.CanvasObject{k.title(k.t("opinion.location")),
		k.big(k.t("opinion.noplace"), false, k.act(func() error {
			if err := s.ChooseLocation("", ""); err != nil {
				return err
			}
			return s.Next()
		}))}
	var streets []fyne.CanvasObject
	for _, st := range k.d.Config.Streets {
		streets = append(streets, k.chip(st.Name, k.street == st.Name, k.act(func() error { k.street, k.building = st.Name, ""; return nil })))
	}
	parts = append(parts, grid(3, streets...))
	if k.street != "" {
		parts = append(parts,
			k.bold(fmt.Sprintf("%s %s: %s", k.street, k.t("opinion.building"), k.building), fyne.TextAlignCenter),
			container.NewCenter(k.digitPad(v.Lang, &k.building, 4, k.Refresh)))
		k.next = k.big(k.t("nav.next"), true, k.act(func() error {
			if err := s.ChooseLocation(k.street, k.buildingName()); err != nil {
				return err
			}
			return s.Next()
		}))
	}
	return container.NewVBox(parts...)
}

// buildingName turns the digits typed into the configured building name
// ("3" → "3栋"), or "" for none.
func (k *Kiosk) buildingName() string {
	if k.building == "" {
		return ""
	}
	for _, st := range k.d.Config.Streets {
		if st.Name != k.street {
			continue
		}
		for _, b := range st.Buildings {
			if digitsOf(b) == k.building {
				return b
			}
		}
		if len(st.Buildings) > 0 {
			return k.building // not listed: the session says so
		}
	}
	return k.building + "栋"
}

// digitsOf keeps the digits of s ("12栋" → "12").
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// words offers the topic's preset phrases and, on demand, the pinyin
// keyboard for a few words of the resident's own.
func (k *Kiosk) words(v session.View) fyne.CanvasObject {
	s := k.d.Session
	topic, _ := k.d.Config.Topic(v.Draft.Body.Topic)
	chosen := map[string]bool{}
	for _, p := range v.Draft.Body.Phrases {
		chosen[p] = true
	}
	var chips []fyne.CanvasObject
	for _, p := range topic.Phrases {
		chips = append(chips, k.chip(p.Text.In(v.Lang), chosen[p.ID], k.act(func() error { return s.TogglePhrase(p.ID) })))
	}
	entry := k.text(k.comp.Text() + "｜")
	counter := k.text(fmt.Sprintf("%d/%d", len([]rune(k.comp.Text())), k.d.Config.Session.TextLimit))
	if !k.typing {
		// Preset phrases first; the keyboard opens on demand, so both fit
		// on the screen.
		k.next = k.big(k.t("nav.next"), true, k.act(s.Next))
		return container.NewVBox(k.title(k.t("opinion.words")), grid(2, chips...),
			container.NewBorder(nil, nil, nil, counter, entry),
			k.big(k.t("opinion.write"), false, k.act(func() error { k.typing = true; s.Touch(); return nil })))
	}
	k.next = k.big(k.t("kbd.done"), true, k.act(func() error { k.typing = false; s.Touch(); return nil }))
	onKey := func() {
		k.notice = ""
		if err := s.SetText(k.comp.Text()); err != nil {
			k.notice = kiosk.PlainMessage(err, v.Lang)
		}
		k.Refresh()
	}
	return container.NewVBox(
		k.bold(k.t("opinion.write"), fyne.TextAlignLeading),
		container.NewBorder(nil, nil, nil, counter, entry),
		k.keyboard(v.Lang, &k.comp, &k.kbdMode, onKey),
	)
}

// contact asks for a phone number to be called back on, with consent, or
// lets the resident stay anonymous.
func (k *Kiosk) contact(v session.View) fyne.CanvasObject {
	s := k.d.Session
	k.next = k.big(k.t("nav.next"), true, k.act(func() error {
		if err := s.SetContact("", k.phone, k.consent); err != nil {
			return err
		}
		return s.Next()
	}))
	consent := k.check(k.t("opinion.consent"), k.consent, func(on bool) { k.consent = on; k.d.Session.Touch() })
	return container.NewVBox(
		k.title(k.t("opinion.contact")),
		k.big(k.t("opinion.anon"), false, k.act(func() error { s.ClearContact(); return s.Next() })),
		k.bold(k.t("opinion.phone")+": "+k.phone, fyne.TextAlignCenter),
		container.NewCenter(k.digitPad(v.Lang, &k.phone, 12, func() { k.d.Session.Touch(); k.Refresh() })),
		minSize(consent, 4*minTarget, minTarget),
	)
}
