package station

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// itemsView is the 议事 tab: opinions chosen into a new item, the
// community's list with each item's next step, and the deliberation
// settings.
type itemsView struct {
	search                          *widget.Entry
	found                           *fyne.Container
	picked                          map[string]bool
	title, titleEn, desc, photo     *widget.Entry
	list                            *fyne.Container
	note, noteEn, budget, notePhoto *widget.Entry
	dayDate, dayFrom, dayTo         *widget.Entry
	turnout, majority               *widget.Entry
	live                            *widget.Check
	settings                        *widget.Accordion // folded: the list gets the room
}

func (s *App) itemsScreen() fyne.CanvasObject {
	v := &s.items
	v.picked = map[string]bool{}
	v.search = widget.NewEntry()
	v.search.PlaceHolder = s.t("item.ph.search")
	v.search.OnSubmitted = func(string) { s.findOpinions() }
	v.found = container.NewVBox()
	v.title, v.titleEn, v.desc, v.photo = widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewEntry()
	v.title.PlaceHolder, v.titleEn.PlaceHolder = s.t("item.ph.title"), s.t("item.ph.titleen")
	v.desc.PlaceHolder, v.photo.PlaceHolder = s.t("item.ph.desc"), s.t("item.ph.photo")
	v.desc.SetMinRowsVisible(2)
	form := container.NewVBox(bold(s.t("item.new")),
		container.NewBorder(nil, nil, nil, widget.NewButton(s.t("item.find"), s.findOpinions), v.search),
		container.NewGridWithColumns(2, v.title, v.titleEn), v.desc, v.photo,
		widget.NewButton(s.t("item.make"), s.makeItem))
	left := container.NewBorder(form, nil, nil, nil, container.NewVScroll(v.found))
	v.list = container.NewVBox()
	v.note, v.noteEn, v.budget, v.notePhoto = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.note.PlaceHolder, v.noteEn.PlaceHolder = s.t("item.ph.note"), s.t("item.ph.noteen")
	v.budget.PlaceHolder, v.notePhoto.PlaceHolder = s.t("item.ph.budget"), s.t("item.ph.photo")
	progress := container.NewVBox(bold(s.t("item.progress")), container.NewGridWithColumns(2, v.note, v.noteEn),
		container.NewGridWithColumns(2, v.budget, v.notePhoto))
	// The settings fold at the head of the scrolling list: folded they take
	// one line, unfolded they push the items down, never out of the window.
	right := container.NewBorder(container.NewVBox(s.itemsHeader(), progress), nil, nil, nil,
		container.NewVScroll(container.NewVBox(s.settingsForm(), v.list)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	return split
}

// itemsHeader carries the list's exports.
func (s *App) itemsHeader() fyne.CanvasObject {
	return container.NewHBox(bold(s.t("item.list")),
		widget.NewButton(s.t("export.csv"), func() { s.exportItems("csv") }),
		widget.NewButton(s.t("export.xlsx"), func() { s.exportItems("xlsx") }))
}

// findOpinions lists the opinions matching the search, to choose from.
func (s *App) findOpinions() {
	v := &s.items
	in, err := s.d.Desk.Inbox(s.ctx, s.me, hub.Filter{Kind: kiosk.KindOpinion, Search: strings.TrimSpace(v.search.Text), Limit: 50})
	if s.fail(s.t("item.find"), err) {
		return
	}
	var objs []fyne.CanvasObject
	all := widget.NewButton(s.tf("item.pickall", len(in.Cases)), nil)
	var checks []*widget.Check
	for _, c := range in.Cases {
		id := c.ID
		label := fmt.Sprintf("%s · %s", kiosk.FormatTicket(c.Ticket), c.Text)
		if c.DelibItem != "" {
			label += " · " + s.tf("item.in", c.DelibTitle.In(string(s.d.Lang)))
		}
		// The check without text, the opinion wrapped beside it: a check's
		// own text never wraps, and an opinion runs to 140 characters.
		ch := widget.NewCheck("", func(on bool) { v.picked[id] = on })
		ch.SetChecked(v.picked[id])
		checks = append(checks, ch)
		objs = append(objs, container.NewBorder(nil, nil, container.NewVBox(ch), nil, wrap(label)))
	}
	all.OnTapped = func() {
		for _, ch := range checks {
			ch.SetChecked(true)
		}
	}
	if len(in.Cases) == 0 {
		objs = append(objs, widget.NewLabel(s.t("item.none")))
	}
	v.found.Objects = append([]fyne.CanvasObject{all}, objs...)
	v.found.Refresh()
}

// makeItem makes an item from the chosen opinions.
func (s *App) makeItem() {
	v := &s.items
	var ids []string
	for id, on := range v.picked {
		if on {
			ids = append(ids, id)
		}
	}
	dr := hub.ItemDraft{Title: v.title.Text, TitleEn: v.titleEn.Text, Description: v.desc.Text, Cases: ids}
	if p := strings.TrimSpace(v.photo.Text); p != "" {
		b, err := os.ReadFile(p)
		if s.fail(s.t("item.photo"), err) {
			return
		}
		dr.Photo = b
	}
	it, err := s.d.Desk.CreateItem(s.ctx, s.me, dr)
	if s.fail(s.t("item.what"), err) {
		return
	}
	s.say("%s", s.tf("item.made", it.N, it.Title.Zh, it.Supporters()))
	v.picked = map[string]bool{}
	v.title.SetText("")
	v.titleEn.SetText("")
	v.desc.SetText("")
	v.photo.SetText("")
	s.findOpinions()
	s.refreshItems()
}

// itemStep takes a step on an item (its buttons).
func (s *App) itemStep(it hub.Item, a hub.ItemAction) {
	var photo []byte
	if a.Kind == hub.ItemProgress {
		v := &s.items
		a.Note, a.NoteEn = v.note.Text, v.noteEn.Text
		if t := strings.TrimSpace(v.budget.Text); t != "" {
			n, err := strconv.ParseInt(t, 10, 64)
			if err != nil {
				s.say("%s", s.t("item.badbudget"))
				return
			}
			a.Budget = n
		}
		if p := strings.TrimSpace(v.notePhoto.Text); p != "" {
			b, err := os.ReadFile(p)
			if s.fail(s.t("item.photo"), err) {
				return
			}
			photo = b
		}
	}
	got, err := s.d.Desk.ItemStep(s.ctx, s.me, it.ID, it.Version, a, photo)
	if s.fail(s.t("item.what"), err) {
		return
	}
	if a.Kind == hub.ItemProgress {
		s.items.note.SetText("")
		s.items.noteEn.SetText("")
		s.items.budget.SetText("")
		s.items.notePhoto.SetText("")
	}
	s.say("%s", s.tf("item.stepped", got.N, s.stageName(got.Stage)))
	s.refreshItems()
}
