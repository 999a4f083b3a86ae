package station

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

type inboxView struct {
	filter hub.Filter
	page   hub.Inbox
	sel    string // selected case id
	cursor int    // the row of the case open, for the keyboard
	busy   bool

	status, kind, matter, topic, assignee, flagged *widget.Select
	kioskE, building, from, to, search             *widget.Entry
	list                                           *widget.List
	pageLabel                                      *widget.Label
	detail                                         *fyne.Container
}

// choice is one entry of a filter's select: its label (a catalog key
// until choicesOf) and the value it stands for ("" is every value).
type choice[V comparable] struct {
	label string
	v     V
}

// statusChoices are the statuses a worker filters by.
func (s *App) statusChoices() []choice[kiosk.TicketStatus] {
	return choicesOf(s, []choice[kiosk.TicketStatus]{{"status.all", ""}, {"status.open", hub.StatusOpen},
		{"status.received", kiosk.StatusReceived}, {"status.triaged", kiosk.StatusTriaged}, {"status.assigned", kiosk.StatusAssigned},
		{"status.in_progress", kiosk.StatusInProgress}, {"status.replied", kiosk.StatusReplied}, {"status.closed", kiosk.StatusClosed},
		{"status.duplicate", kiosk.StatusDuplicate}, {"status.not_applicable", kiosk.StatusNotApplicable}})
}

func (s *App) kindChoices() []choice[kiosk.Kind] {
	return choicesOf(s, []choice[kiosk.Kind]{{"kind.all", ""}, {"kind.opinion", kiosk.KindOpinion}, {"kind.rating", kiosk.KindRating},
		{"kind.vote", kiosk.KindVote}, {"kind.voice", kiosk.KindVoice}})
}

func (s *App) matterChoices() []choice[kiosk.Matter] {
	return choicesOf(s, []choice[kiosk.Matter]{{"matter.all", ""}, {"matter.untriaged", hub.Untriaged}, {"matter.big", kiosk.MatterBig},
		{"matter.small", kiosk.MatterSmall}, {"matter.private", kiosk.MatterPrivate}})
}

// flagChoices are the hub.FlagFilter values in order.
func (s *App) flagChoices() []string {
	return []string{s.t("flag.all"), s.t("flag.only"), s.t("flag.none")}
}

// choices turns catalog keys into labels.
func choicesOf[V comparable](s *App, keyed []choice[V]) []choice[V] {
	for i := range keyed {
		keyed[i].label = s.t(keyed[i].label)
	}
	return keyed
}

// topicChoices are every topic and service of the catalog.
func (s *App) topicChoices() []choice[string] {
	cs := []choice[string]{{s.t("topic.all"), ""}}
	for _, id := range s.d.Catalog.Topics() {
		cs = append(cs, choice[string]{s.topicName(id), id})
	}
	return cs
}

// topicName is a topic's or service's name in the app's language.
func (s *App) topicName(id string) string { return s.d.Catalog.NameIn(id, string(s.d.Lang)) }

// assigneeChoices are the station's workers.
func (s *App) assigneeChoices() []choice[string] {
	cs := []choice[string]{{s.t("assignee.all"), ""}}
	for _, w := range s.workers {
		cs = append(cs, choice[string]{w.Name + " · " + w.ID, w.ID})
	}
	return cs
}

// showCounts puts the choices in sel, each with how many cases it would
// show (the first, every value: the sum of the counts but the aggregates
// named in skip), and selects the one chosen.
func showCounts[V comparable](sel *widget.Select, cs []choice[V], counts map[V]int, chosen V, skip ...V) {
	all := 0
	for k, n := range counts {
		if !slices.Contains(skip, k) {
			all += n
		}
	}
	opts := make([]string, len(cs))
	pick := 0
	for i, c := range cs {
		n := counts[c.v]
		if i == 0 {
			n = all
		}
		opts[i] = fmt.Sprintf("%s (%d)", c.label, n)
		if c.v == chosen {
			pick = i
		}
	}
	sel.SetOptions(opts)
	sel.SetSelectedIndex(pick)
}

// chosen returns the value of the selected choice, or every value.
func chosen[V comparable](sel *widget.Select, cs []choice[V]) V {
	if i := sel.SelectedIndex(); i > 0 && i < len(cs) {
		return cs[i].v
	}
	var all V
	return all
}

// nameOf returns the label of v among the choices (the first, every
// value, left out), or fallback.
func nameOf[V comparable](cs []choice[V], v V, fallback string) string {
	for _, c := range cs[1:] {
		if c.v == v {
			return c.label
		}
	}
	return fallback
}

func (s *App) statusName(st kiosk.TicketStatus) string {
	return nameOf(s.statusChoices(), st, string(st))
}

func (s *App) matterName(m kiosk.Matter) string {
	return nameOf(s.matterChoices(), m, s.t("matter.untriaged"))
}

func (s *App) kindName(k kiosk.Kind) string { return nameOf(s.kindChoices(), k, string(k)) }

func (s *App) inboxScreen() fyne.CanvasObject {
	v := &s.inbox
	v.filter.Status = hub.StatusOpen
	v.busy = true // the selects' callbacks wait for the screen to be built
	defer func() { v.busy = false }()
	v.status = widget.NewSelect(nil, func(string) { s.applyFilter() })
	v.kind = widget.NewSelect(nil, func(string) { s.applyFilter() })
	v.matter = widget.NewSelect(nil, func(string) { s.applyFilter() })
	v.topic = widget.NewSelect(nil, func(string) { s.applyFilter() })
	v.assignee = widget.NewSelect(nil, func(string) { s.applyFilter() })
	v.flagged = widget.NewSelect(s.flagChoices(), func(string) { s.applyFilter() })
	v.flagged.SetSelectedIndex(0)
	for _, sel := range []*widget.Select{v.status, v.kind, v.matter, v.topic, v.assignee, v.flagged} {
		sel.PlaceHolder = s.t("ph.filter")
	}
	entry := func(key string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = s.t(key)
		e.OnSubmitted = func(string) { s.applyFilter() }
		return e
	}
	v.kioskE, v.building = entry("ph.kiosk"), entry("ph.building")
	v.from, v.to = entry("ph.from"), entry("ph.to")
	v.search = entry("ph.search")
	v.pageLabel = widget.NewLabel("")
	v.detail = container.NewStack(widget.NewLabel(s.t("inbox.choose")))
	v.list = s.caseList()
	filters := container.NewGridWithColumns(6, v.status, v.kind, v.matter, v.topic, v.assignee, v.flagged,
		v.kioskE, v.building, v.from, v.to, v.search,
		container.NewGridWithColumns(2, widget.NewButton(s.t("filter"), s.applyFilter), widget.NewButton(s.t("clear"), s.clearFilter)))
	tools := container.NewHBox(widget.NewButton(s.t("export.csv"), func() { s.exportLedger("csv") }),
		widget.NewButton(s.t("export.xlsx"), func() { s.exportLedger("xlsx") }))
	if s.me.Role.Moderates() {
		tools.Add(widget.NewButton(s.t("tpl.edit"), s.EditTemplates))
	}
	paging := container.NewVBox(container.NewHBox(widget.NewButton(s.t("prev"), func() { s.turnPage(-1) }), v.pageLabel,
		widget.NewButton(s.t("next"), func() { s.turnPage(1) })), tools, wrap(s.t("keys.help")))
	left := container.NewBorder(nil, paging, nil, nil, v.list)
	split := container.NewHSplit(left, v.detail) // the case pane scrolls its middle itself
	split.Offset = 0.42
	return container.NewBorder(filters, nil, nil, nil, split)
}

// caseList is the inbox's page of cases; choosing one opens it.
func (s *App) caseList() *widget.List {
	v := &s.inbox
	l := widget.NewList(
		func() int { return len(v.page.Cases) },
		func() fyne.CanvasObject { return newCaseRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.page.Cases) {
				s.showRow(o.(*caseRow), &v.page.Cases[i], s.d.Now())
			}
		})
	l.OnSelected = func(i widget.ListItemID) {
		if i < len(v.page.Cases) {
			v.cursor = i
			s.OpenCase(v.page.Cases[i].ID)
		}
	}
	return l
}

// setFilter replaces the inbox filter and reloads.
func (s *App) setFilter(f hub.Filter) {
	s.inbox.filter = f
	s.refreshInbox()
}

// readFilter reads the filter widgets.
func (s *App) readFilter() (hub.Filter, error) {
	v := &s.inbox
	f := hub.Filter{}
	f.Status = chosen(v.status, s.statusChoices())
	f.Kind = chosen(v.kind, s.kindChoices())
	f.Matter = chosen(v.matter, s.matterChoices())
	f.Topic = chosen(v.topic, s.topicChoices())
	f.Assignee = chosen(v.assignee, s.assigneeChoices())
	f.Flagged = hub.FlagFilter(max(v.flagged.SelectedIndex(), 0))
	f.Kiosk, f.Building, f.Search = strings.TrimSpace(v.kioskE.Text), strings.TrimSpace(v.building.Text), v.search.Text
	var err error
	if f.From, err = s.parseDay(v.from.Text); err != nil {
		return f, err
	}
	if f.To, err = s.parseDay(v.to.Text); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the whole day
	}
	return f, nil
}

// parseDay reads a date as 2026-01-31; "" is none.
func (s *App) parseDay(day string) (time.Time, error) {
	day = strings.TrimSpace(day)
	if day == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", day, time.Local)
	if err != nil {
		return t, errors.New(s.tf("bad.date", day))
	}
	return t, nil
}

func (s *App) applyFilter() {
	if s.inbox.status == nil || s.inbox.loading() {
		return
	}
	f, err := s.readFilter()
	if s.fail(s.t("filter"), err) {
		return
	}
	s.inbox.filter = f
	s.refreshInbox()
}

func (s *App) clearFilter() {
	v := &s.inbox
	for _, e := range []*widget.Entry{v.kioskE, v.building, v.from, v.to, v.search} {
		e.SetText("")
	}
	s.setFilter(hub.Filter{Status: hub.StatusOpen})
}

// loading is true while refreshInbox sets the selects (their callbacks
// must not re-filter).
func (v *inboxView) loading() bool { return v.busy }

func (s *App) turnPage(d int) {
	f := &s.inbox.filter
	n := f.Offset + d*f.PageSize()
	if n < 0 || n >= s.inbox.page.Total {
		return
	}
	f.Offset = n
	s.refreshInbox()
}

// refreshInbox reloads the page and the counts shown in the selects.
func (s *App) refreshInbox() {
	v := &s.inbox
	if v.list == nil {
		return
	}
	page, err := s.d.Desk.Inbox(s.ctx, s.me, v.filter)
	if s.fail(s.t("tab.inbox"), err) {
		return
	}
	if page.Total > 0 && v.filter.Offset >= page.Total {
		v.filter.Offset = 0
		if page, err = s.d.Desk.Inbox(s.ctx, s.me, v.filter); s.fail(s.t("tab.inbox"), err) {
			return
		}
	}
	v.page = page
	v.busy = true
	showCounts(v.status, s.statusChoices(), page.ByStatus, v.filter.Status, hub.StatusOpen)
	showCounts(v.kind, s.kindChoices(), page.ByKind, v.filter.Kind)
	showCounts(v.matter, s.matterChoices(), page.ByMatter, v.filter.Matter)
	showCounts(v.topic, s.topicChoices(), page.ByTopic, v.filter.Topic)
	showCounts(v.assignee, s.assigneeChoices(), page.ByAssignee, v.filter.Assignee)
	v.busy = false
	pages := max((page.Total+v.filter.PageSize()-1)/v.filter.PageSize(), 1)
	v.pageLabel.SetText(s.tf("page", v.filter.Offset/v.filter.PageSize()+1, pages, page.Total))
	v.list.UnselectAll()
	v.list.Refresh()
}
