package station

import (
	"fmt"
	"os"
	"path/filepath"
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
	busy   bool

	status, kind, matter, topic, assignee, flagged *widget.Select
	kioskE, building, from, to, search             *widget.Entry
	list                                           *widget.List
	pageLabel                                      *widget.Label
	detail                                         *fyne.Container
}

// choice is one entry of a filter's select: its label and the value it
// stands for ("" is every value).
type choice[V comparable] struct {
	label string
	v     V
}

// Filter choices.
var (
	statusChoices = []choice[kiosk.TicketStatus]{{"全部状态", ""}, {"待办 open", hub.StatusOpen}, {"已收到 received", kiosk.StatusReceived},
		{"已分类 triaged", kiosk.StatusTriaged}, {"已指派 assigned", kiosk.StatusAssigned}, {"办理中 in progress", kiosk.StatusInProgress},
		{"已回复 replied", kiosk.StatusReplied}, {"已办结 closed", kiosk.StatusClosed}, {"重复 duplicate", kiosk.StatusDuplicate},
		{"不受理 n/a", kiosk.StatusNotApplicable}}
	kindChoices   = []choice[kiosk.Kind]{{"全部类型", ""}, {"意见 opinion", kiosk.KindOpinion}, {"评价 rating", kiosk.KindRating}, {"投票 vote", kiosk.KindVote}}
	matterChoices = []choice[kiosk.Matter]{{"全部分流", ""}, {"未分类 untriaged", hub.Untriaged}, {"大事 big", kiosk.MatterBig},
		{"小事 small", kiosk.MatterSmall}, {"私事 private", kiosk.MatterPrivate}}
	flagChoices = []string{"含疑似误触 all", "仅疑似误触 play only", "不含疑似误触 no play"}
)

// topicChoices are every topic and service of the catalog.
func (s *App) topicChoices() []choice[string] {
	cs := []choice[string]{{"全部话题", ""}}
	for _, id := range s.d.Catalog.Topics() {
		cs = append(cs, choice[string]{s.d.Catalog.Name(id) + " · " + id, id})
	}
	return cs
}

// assigneeChoices are the station's workers.
func (s *App) assigneeChoices() []choice[string] {
	cs := []choice[string]{{"全部人员", ""}}
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

func statusName(st kiosk.TicketStatus) string {
	for _, c := range statusChoices {
		if c.v == st {
			return c.label
		}
	}
	return string(st)
}

func matterName(m kiosk.Matter) string {
	for _, c := range matterChoices[1:] {
		if c.v == m {
			return c.label
		}
	}
	return "未分类"
}

func kindName(k kiosk.Kind) string {
	for _, c := range kindChoices[1:] {
		if c.v == k {
			return c.label
		}
	}
	return string(k)
}

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
	v.flagged = widget.NewSelect(flagChoices, func(string) { s.applyFilter() })
	v.flagged.SetSelectedIndex(0)
	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = ph
		e.OnSubmitted = func(string) { s.applyFilter() }
		return e
	}
	v.kioskE, v.building = entry("设备 kiosk"), entry("楼栋 building")
	v.from, v.to = entry("从 from 2026-01-31"), entry("到 to 2026-12-31")
	v.search = entry("搜索文字或回执号 search text or ticket")
	v.pageLabel = widget.NewLabel("")
	v.detail = container.NewVBox(widget.NewLabel("在左边选择一条 Choose one on the left"))
	v.list = widget.NewList(
		func() int { return len(v.page.Cases) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.page.Cases) {
				o.(*widget.Label).SetText(s.caseLine(&v.page.Cases[i]))
			}
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.page.Cases) {
			s.OpenCase(v.page.Cases[i].ID)
		}
	}
	filters := container.NewGridWithColumns(6, v.status, v.kind, v.matter, v.topic, v.assignee, v.flagged,
		v.kioskE, v.building, v.from, v.to, v.search,
		container.NewGridWithColumns(2, widget.NewButton("筛选 Filter", s.applyFilter), widget.NewButton("清除 Clear", s.clearFilter)))
	paging := container.NewHBox(widget.NewButton("上一页 Prev", func() { s.turnPage(-1) }), v.pageLabel, widget.NewButton("下一页 Next", func() { s.turnPage(1) }),
		widget.NewButton("导出 CSV", func() { s.exportLedger("csv") }), widget.NewButton("导出 Excel", func() { s.exportLedger("xlsx") }))
	left := container.NewBorder(nil, paging, nil, nil, v.list)
	split := container.NewHSplit(left, container.NewScroll(v.detail)) // both ways: a long line must not widen the window
	split.Offset = 0.45
	return container.NewBorder(filters, nil, nil, nil, split)
}

// caseLine is one row of the inbox list.
func (s *App) caseLine(c *hub.Case) string {
	mark := ""
	if c.Flagged {
		mark = "［疑似误触］"
	}
	if c.Priority > 0 {
		mark += strings.Repeat("!", int(c.Priority))
	}
	text := c.Text
	if c.Kind == kiosk.KindRating {
		text = fmt.Sprintf("%s %d/4 %s", s.d.Catalog.Name(c.Topic), c.Rating, c.Text)
	} else if c.Topic != "" {
		text = s.d.Catalog.Name(c.Topic) + "：" + text
	}
	return fmt.Sprintf("%s %s  %s  %s%s  %s", kiosk.FormatTicket(c.Ticket), c.At.Local().Format("01-02 15:04"),
		strings.Fields(statusName(c.Status))[0], mark, strings.Fields(kindName(c.Kind))[0], text)
}

// SetFilter replaces the inbox filter and reloads (tests, smoke).
func (s *App) SetFilter(f hub.Filter) {
	s.inbox.filter = f
	s.refreshInbox()
}

// readFilter reads the filter widgets.
func (s *App) readFilter() (hub.Filter, error) {
	v := &s.inbox
	f := hub.Filter{}
	f.Status = chosen(v.status, statusChoices)
	f.Kind = chosen(v.kind, kindChoices)
	f.Matter = chosen(v.matter, matterChoices)
	f.Topic = chosen(v.topic, s.topicChoices())
	f.Assignee = chosen(v.assignee, s.assigneeChoices())
	f.Flagged = hub.FlagFilter(max(v.flagged.SelectedIndex(), 0))
	f.Kiosk, f.Building, f.Search = strings.TrimSpace(v.kioskE.Text), strings.TrimSpace(v.building.Text), v.search.Text
	var err error
	if f.From, err = parseDay(v.from.Text); err != nil {
		return f, err
	}
	if f.To, err = parseDay(v.to.Text); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the whole day
	}
	return f, nil
}

func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return t, fmt.Errorf("日期 %q 应写成 2026-01-31 (date as YYYY-MM-DD)", s)
	}
	return t, nil
}

func (s *App) applyFilter() {
	if s.inbox.status == nil || s.inbox.loading() {
		return
	}
	f, err := s.readFilter()
	if s.fail("筛选 Filter", err) {
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
	s.SetFilter(hub.Filter{Status: hub.StatusOpen})
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
	start := time.Now()
	page, err := s.d.Store.Inbox(s.ctx, v.filter)
	if s.fail("收件箱 Inbox", err) {
		return
	}
	if page.Total > 0 && v.filter.Offset >= page.Total {
		v.filter.Offset = 0
		if page, err = s.d.Store.Inbox(s.ctx, v.filter); s.fail("收件箱 Inbox", err) {
			return
		}
	}
	v.page = page
	v.busy = true
	showCounts(v.status, statusChoices, page.ByStatus, v.filter.Status, hub.StatusOpen)
	showCounts(v.kind, kindChoices, page.ByKind, v.filter.Kind)
	showCounts(v.matter, matterChoices, page.ByMatter, v.filter.Matter)
	showCounts(v.topic, s.topicChoices(), page.ByTopic, v.filter.Topic)
	showCounts(v.assignee, s.assigneeChoices(), page.ByAssignee, v.filter.Assignee)
	v.busy = false
	pages := max((page.Total+v.filter.PageSize()-1)/v.filter.PageSize(), 1)
	v.pageLabel.SetText(fmt.Sprintf("第 %d/%d 页 · 共 %d 条 · %d ms", v.filter.Offset/v.filter.PageSize()+1, pages, page.Total,
		time.Since(start).Milliseconds()))
	v.list.UnselectAll()
	v.list.Refresh()
}

// exportLedger writes the filtered cases to the export folder.
func (s *App) exportLedger(format string) {
	if s.d.Ledger == nil {
		s.say("导出不可用 (no exporter)")
		return
	}
	path, n, err := s.ExportLedger(format)
	if s.fail("导出 Export", err) {
		return
	}
	s.say("已导出 %d 条到 %s", n, path)
}

// ExportLedger writes the work ledger of the current filter and returns
// the file's path and the rows written.
func (s *App) ExportLedger(format string) (string, int, error) {
	dir := s.d.ExportDir
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, fmt.Sprintf("工作台账-%s.%s", s.d.Now().Format("20060102-150405"), format))
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return "", 0, err
	}
	filter := s.inbox.filter
	filter.Offset, filter.Limit = 0, 0
	n, err := s.d.Ledger(s.ctx, f, format, filter)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return "", 0, err
	}
	return path, n, nil
}
