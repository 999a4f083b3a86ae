package display

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	cols := k.columns(2)
	if p := k.panelSize(); p.Width > p.Height && p.Height < 600 && !k.th.Large {
		cols = 3 // a short landscape panel: three rows of tiles instead of four
	}
	return container.NewVBox(k.title(k.t("opinion.topic")), k.pagedGrid("topic", cols, tiles))
}

// location asks where: no particular place, or a street and a building
// number typed on the digit pad.
func (k *Kiosk) location(v session.View) fyne.CanvasObject {
	s := k.d.Session
	if k.street != "" {
		// The street chosen: only the building number is asked now.
		k.next = k.big(k.t("nav.next"), true, k.act(func() error {
			if err := s.ChooseLocation(k.street, k.buildingName()); err != nil {
				return err
			}
			return s.Next()
		}))
		return container.NewVBox(
			grid(2, k.chip(k.street, true, k.act(func() error { k.street, k.building = "", ""; return nil })),
				k.label(k.t("opinion.building")+": "+k.building+"｜", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance)),
			container.NewCenter(k.digitPad(v.Lang, &k.building, 4, k.Refresh)))
	}
	parts := []fyne.CanvasObject{k.title(k.t("opinion.location")),
		k.big(k.t("opinion.noplace"), false, k.act(func() error {
			if err := s.ChooseLocation("", ""); err != nil {
				return err
			}
			return s.Next()
		}))}
	var streets []fyne.CanvasObject
	for _, st := range k.d.Config.Streets {
		streets = append(streets, k.chip(st.Name, false, k.act(func() error { k.street, k.building = st.Name, ""; return nil })))
	}
	return container.NewVBox(append(parts, k.pagedGrid("street", 2, streets))...)
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
	counter := k.line(fmt.Sprintf("%d/%d", len([]rune(k.comp.Text())), k.d.Config.Session.TextLimit))
	if !k.typing {
		// Preset phrases first; the keyboard opens on demand, so both fit
		// on the screen.
		k.next = grid(2, k.big(k.t("opinion.write"), false, k.act(func() error { k.typing = true; s.Touch(); return nil })),
			k.big(k.t("nav.next"), true, k.act(s.Next)))
		parts := []fyne.CanvasObject{k.title(k.t("opinion.words")), k.pagedGrid("phrases", k.columns(2), chips)}
		if k.comp.Text() != "" {
			parts = append(parts, container.NewBorder(nil, nil, nil, counter, k.text(k.comp.Text()+"｜")))
		}
		return container.NewVBox(parts...)
	}
	onKey := func() {
		k.notice = ""
		if err := s.SetText(k.comp.Text()); err != nil {
			k.notice = kiosk.PlainMessage(err, v.Lang)
		}
		k.Refresh()
	}
	done := k.act(func() error { k.comp.SetText(k.comp.Text()); k.typing = false; s.Touch(); return nil })
	return container.NewBorder(k.composing(counter), nil, nil, nil,
		k.keyboard(v.Lang, &k.comp, &k.kbdMode, onKey, done))
}

// composing is the keyboard's fixed strip: the end of what is written, the
// letters being composed, and the count, on one line.
func (k *Kiosk) composing(counter fyne.CanvasObject) fyne.CanvasObject {
	written := []rune(k.comp.Text())
	tail := string(written[max(0, len(written)-10):])
	if len(written) > 10 {
		tail = "…" + tail
	}
	in := k.comp.Input()
	if r, ok := k.comp.Source.(interface{ Reading(string) string }); ok {
		in = r.Reading(in) // the keypad's digits as the pinyin they spell
	}
	letters := k.label(in+"｜", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.HighImportance)
	letters.Wrapping = fyne.TextWrapOff
	return container.NewBorder(nil, nil, container.NewHBox(k.line(tail), letters), counter)
}

// contact asks for a phone number to be called back on, with consent, or
// lets the resident leave none.
func (k *Kiosk) contact(v session.View) fyne.CanvasObject {
	s := k.d.Session
	k.next = grid(2, k.big(k.t("opinion.anon"), false, k.act(func() error { s.ClearContact(); return s.Next() })),
		k.big(k.t("nav.next"), true, k.act(func() error {
			if err := s.SetContact("", k.phone, k.consent); err != nil {
				return err
			}
			return s.Next()
		})))
	consent := k.chip(k.t("opinion.consent"), k.consent, k.act(func() error { k.consent = !k.consent; return nil }))
	shown := k.phone
	if len(shown) == 11 {
		shown = maskPhone(shown)
	}
	changed := func() { k.d.Session.Touch(); k.Refresh() }
	if k.short() {
		// Beside the pad: the number, and under it the consent in its
		// short words (打给我: the question above asks it).
		consent = k.chip(k.t("opinion.consent.short"), k.consent, k.act(func() error { k.consent = !k.consent; return nil }))
		return k.padScreen(v, k.t("opinion.contact"), shown+"｜", &k.phone, 12, changed, consent)
	}
	if p := k.panelSize(); p.Width < p.Height {
		// A portrait panel: the number and the consent (in its short
		// words) side by side, so that the pad's four rows fit under them.
		consent = k.chip(k.t("opinion.consent.short"), k.consent, k.act(func() error { k.consent = !k.consent; return nil }))
		return container.NewVBox(k.asked(v, k.t("opinion.contact")),
			grid(2, k.bold(shown+"｜", fyne.TextAlignCenter), consent),
			container.NewCenter(k.digitPad(v.Lang, &k.phone, 12, changed)))
	}
	return container.NewVBox(
		k.asked(v, k.t("opinion.contact")),
		grid(k.columns(2), k.bold(k.t("opinion.phone")+": "+shown, fyne.TextAlignCenter), consent),
		container.NewCenter(k.digitPad(v.Lang, &k.phone, 12, changed)),
	)
}

// maskPhone hides the middle of a phone number once it is typed, as
// Chinese receipts do: 138****5678.
func maskPhone(p string) string {
	if len(p) < 8 {
		return p
	}
	return p[:3] + "****" + p[len(p)-4:]
}

// columns is n on a landscape panel and one on a portrait one, where two
// long labels side by side would not fit.
func (k *Kiosk) columns(n int) int {
	if sz := k.win.Canvas().Size(); sz.Width < sz.Height {
		return 1
	}
	return n
}
