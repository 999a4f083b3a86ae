package station

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// referralsView is the 议事 settings' fold where a lead keeps the referral
// services a 私事 reply may point to: rename (both languages), remove,
// add.
type referralsView struct {
	rows                *fyne.Container
	shown               []hub.ReferralService // as loaded: their ids and contacts
	zh, en              []*widget.Entry       // the names typed, by row
	newID, newZh, newEn *widget.Entry
}

// referralsItem is the fold's content: a row per service, a row to add.
func (s *App) referralsItem() *widget.AccordionItem {
	v := &s.refs
	v.rows = container.NewVBox()
	v.newID, v.newZh, v.newEn = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.newID.PlaceHolder, v.newZh.PlaceHolder, v.newEn.PlaceHolder = s.t("ref.ph.id"), s.t("ref.ph.newzh"), s.t("ref.ph.newen")
	add := container.NewBorder(nil, nil, bold(s.t("ref.new")), widget.NewButton(s.t("ref.add"), func() { s.AddReferral() }),
		container.NewGridWithColumns(3, v.newID, v.newZh, v.newEn))
	return widget.NewAccordionItem(s.t("ref.title"), container.NewVBox(wrap(s.t("ref.note")), v.rows, add,
		widget.NewButton(s.t("ref.save"), func() { s.SaveReferrals() })))
}

// OpenReferrals unfolds the referral services in the 议事 settings, as a
// tap on the fold does (the smoke tour's and the tests' way in).
func (s *App) OpenReferrals() {
	if s.items.settings != nil {
		s.items.settings.Open(1)
	}
}

// loadReferrals shows the services in the settings.
func (s *App) loadReferrals() {
	v := &s.refs
	if v.rows == nil {
		return
	}
	set, err := s.d.Desk.Deliberation(s.ctx, s.me)
	if err != nil {
		return
	}
	v.shown, v.zh, v.en = set.Referrals, nil, nil
	// The ids in a column as wide as the widest, so the names line up.
	var idW float32
	for _, r := range set.Referrals {
		idW = max(idW, widget.NewLabel(r.ID).MinSize().Width)
	}
	var objs []fyne.CanvasObject
	for i, r := range set.Referrals {
		zh, en := widget.NewEntry(), widget.NewEntry()
		zh.SetText(r.Name.Zh)
		en.SetText(r.Name.En)
		zh.PlaceHolder, en.PlaceHolder = s.t("ref.ph.zh"), s.t("ref.ph.en")
		v.zh, v.en = append(v.zh, zh), append(v.en, en)
		i := i
		rm := widget.NewButton(s.t("ref.remove"), func() {
			s.confirm(s.tf("ref.confirmremove", r.Name.In(string(s.d.Lang))), func() { s.RemoveReferral(i) })
		})
		id := widget.NewLabel(r.ID)
		objs = append(objs, container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(idW, id.MinSize().Height), id), rm,
			container.NewGridWithColumns(2, zh, en)))
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(s.t("route.norefer")))
	}
	v.rows.Objects = objs
	v.rows.Refresh()
}

// typed is the list as the form shows it, the names as typed.
func (s *App) typed() []hub.ReferralService {
	v := &s.refs
	out := make([]hub.ReferralService, len(v.shown))
	for i, r := range v.shown {
		r.Name = kiosk.Text{Zh: strings.TrimSpace(v.zh[i].Text), En: strings.TrimSpace(v.en[i].Text)}
		out[i] = r
	}
	return out
}

// SaveReferrals stores the names as typed (a lead's rename).
func (s *App) SaveReferrals() error { return s.putReferrals(s.typed(), "ref.saved") }

// AddReferral adds the service typed in the last row.
func (s *App) AddReferral() error {
	v := &s.refs
	r := hub.ReferralService{ID: strings.TrimSpace(v.newID.Text),
		Referral: kiosk.Referral{Name: kiosk.Text{Zh: strings.TrimSpace(v.newZh.Text), En: strings.TrimSpace(v.newEn.Text)}}}
	if err := s.putReferrals(append(s.typed(), r), "ref.added"); err != nil {
		return err
	}
	v.newID.SetText("")
	v.newZh.SetText("")
	v.newEn.SetText("")
	return nil
}

// RemoveReferral takes the i-th service off the list.
func (s *App) RemoveReferral(i int) error {
	rs := s.typed()
	if i < 0 || i >= len(rs) {
		return nil
	}
	return s.putReferrals(append(rs[:i:i], rs[i+1:]...), "ref.removed")
}

// putReferrals stores a list; on a refusal the form keeps what was typed.
func (s *App) putReferrals(rs []hub.ReferralService, done string) error {
	err := s.d.Desk.SetReferrals(s.ctx, s.me, rs)
	if s.fail(s.t("ref.what"), err) {
		return err
	}
	s.loadReferrals()
	s.say("%s", s.t(done))
	return nil
}
