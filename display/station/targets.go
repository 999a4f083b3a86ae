package station

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// targetsView is the statistics tab's fold where a lead sets the targets
// per class: the days to a first reply and to closing.
type targetsView struct {
	fold         *widget.Accordion
	reply, close map[kiosk.Matter]*widget.Entry
}

// targetsForm is the fold with a row per class (大事, 小事, 私事,
// untriaged); the Desk lets only a lead save it.
func (s *App) targetsForm() fyne.CanvasObject {
	v := &s.tgt
	v.reply, v.close = map[kiosk.Matter]*widget.Entry{}, map[kiosk.Matter]*widget.Entry{}
	grid := container.NewGridWithColumns(3, bold(s.t("tgt.class")), bold(s.t("tgt.reply")), bold(s.t("tgt.close")))
	for _, m := range hub.Classes {
		r, c := widget.NewEntry(), widget.NewEntry()
		r.PlaceHolder, c.PlaceHolder = s.t("tgt.ph.days"), s.t("tgt.ph.days")
		v.reply[m], v.close[m] = r, c
		grid.Add(widget.NewLabel(s.className(m)))
		grid.Add(r)
		grid.Add(c)
	}
	// The grid as narrow as its texts: a few digits need no wide entries.
	v.fold = widget.NewAccordion(widget.NewAccordionItem(s.t("tgt.title"), container.NewVBox(container.NewHBox(grid),
		container.NewHBox(widget.NewButton(s.t("tgt.save"), func() { s.SaveTargets() }), widget.NewLabel(s.t("tgt.note"))))))
	s.showTargets()
	return container.NewVBox(v.fold, widget.NewSeparator())
}

// OpenTargets unfolds the targets on the statistics tab, as a tap on the
// fold does (the smoke tour's and the tests' way in).
func (s *App) OpenTargets() {
	if s.tgt.fold != nil {
		s.tgt.fold.Open(0)
	}
}

// className names a class, untriaged included.
func (s *App) className(m kiosk.Matter) string {
	if m == hub.Untriaged {
		return s.t("matter.untriaged")
	}
	return s.t(dotted("matter", string(m)))
}

// showTargets puts the targets in force into the form.
func (s *App) showTargets() {
	v := &s.tgt
	for _, m := range hub.Classes {
		x := s.targets.Of(m)
		v.reply[m].SetText(strconv.Itoa(int(x.FirstReply / hub.Day)))
		v.close[m].SetText(strconv.Itoa(int(x.Close / hub.Day)))
	}
}

// SaveTargets checks the days typed (whole days above zero) and stores
// them; on a mistake the form keeps what was typed and says which.
func (s *App) SaveTargets() error {
	v := &s.tgt
	t := hub.Targets{}
	for _, m := range hub.Classes {
		r, err1 := strconv.Atoi(strings.TrimSpace(v.reply[m].Text))
		c, err2 := strconv.Atoi(strings.TrimSpace(v.close[m].Text))
		if err1 != nil || err2 != nil || r <= 0 || c <= 0 {
			s.say("%s", s.tf("tgt.bad", s.className(m)))
			return kiosk.Errorf(kiosk.EINVALID, "targets: %s: whole days above zero", m)
		}
		t[m] = hub.Target{FirstReply: time.Duration(r) * hub.Day, Close: time.Duration(c) * hub.Day}
	}
	err := s.d.Desk.SetTargets(s.ctx, s.me, t)
	if s.fail(s.t("tgt.what"), err) {
		return err
	}
	if got, err := s.d.Desk.Targets(s.ctx, s.me); err == nil {
		s.targets = got
	}
	s.refreshStats()
	s.say("%s", s.t("tgt.saved"))
	return nil
}
