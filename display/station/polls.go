package station

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

type pollsView struct {
	list                          *fyne.Container
	title, titleEn, opens, closes *widget.Entry
	options, optionsEn            *widget.Entry
}

func (s *App) pollsScreen() fyne.CanvasObject {
	v := &s.poll
	v.list = container.NewVBox()
	entry := func(key string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.SetMinRowsVisible(4)
		}
		e.PlaceHolder = s.t(key)
		return e
	}
	v.title, v.titleEn = entry("ph.title", false), entry("ph.titleEn", false)
	v.options, v.optionsEn = entry("ph.options", true), entry("ph.optionsEn", true)
	now := s.d.Now()
	v.opens, v.closes = entry("ph.opens", false), entry("ph.closes", false)
	v.opens.SetText(now.Local().Format("2006-01-02 15:04"))
	v.closes.SetText(now.Local().AddDate(0, 0, 14).Format("2006-01-02 15:04"))
	form := container.NewVBox(bold(s.t("poll.new")), v.title, v.titleEn, v.options, v.optionsEn,
		container.NewBorder(nil, nil, widget.NewLabel(s.t("opens")), nil, v.opens),
		container.NewBorder(nil, nil, widget.NewLabel(s.t("closes")), nil, v.closes),
		widget.NewButton(s.t("poll.save"), s.createPoll))
	split := container.NewHSplit(container.NewVScroll(form), container.NewVScroll(v.list))
	split.Offset = 0.36
	return split
}

func (s *App) createPoll() {
	v := &s.poll
	opens, err1 := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(v.opens.Text), time.Local)
	closes, err2 := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(v.closes.Text), time.Local)
	if err1 != nil || err2 != nil {
		s.say("%s", s.t("bad.time"))
		return
	}
	p, err := hub.NewPollDraft(hub.PollDraftInput{Title: v.title.Text, TitleEn: v.titleEn.Text, Options: v.options.Text,
		OptionsEn: v.optionsEn.Text, Opens: opens, Closes: closes}, s.me.ID, s.d.Now())
	if s.fail(s.t("what.poll"), err) {
		return
	}
	if s.fail(s.t("what.poll"), s.d.Desk.CreatePoll(s.ctx, s.me, p)) {
		return
	}
	s.say("%s", s.tf("poll.saved", p.Title.In(string(s.d.Lang))))
	for _, e := range []*widget.Entry{v.title, v.titleEn, v.options, v.optionsEn} {
		e.SetText("")
	}
	s.refreshPolls()
}

// pollAct opens, closes or publishes a poll's results (its buttons).
func (s *App) pollAct(id string, act hub.PollAction) error {
	p, err := s.d.Desk.PollAct(s.ctx, s.me, id, act)
	if s.fail(s.t("what.poll"), err) {
		return err
	}
	s.say("%s", s.tf("poll.done", p.Title.In(string(s.d.Lang)), s.pollStateName(&p, s.d.Now())))
	s.refreshPolls()
	return nil
}

func (s *App) pollStateName(p *hub.Poll, now time.Time) string {
	switch {
	case p.State == hub.PollDraft:
		return s.t("poll.draft")
	case p.Live(now):
		return s.t("poll.live")
	case p.State == hub.PollOpen && now.Before(p.Opens):
		return s.t("poll.scheduled")
	case p.State == hub.PollOpen:
		return s.t("poll.overdue")
	case p.ResultsPublished:
		return s.t("poll.results")
	}
	return s.t("poll.closed")
}

// refreshPolls lists the polls with their live tallies.
func (s *App) refreshPolls() {
	v := &s.poll
	if v.list == nil {
		return
	}
	polls, err := s.d.Desk.Polls(s.ctx, s.me)
	if s.fail(s.t("tab.polls"), err) {
		return
	}
	var objs []fyne.CanvasObject
	if len(polls) == 0 {
		objs = append(objs, widget.NewLabel(s.t("poll.none")))
	}
	now := s.d.Now()
	for i := range polls {
		objs = append(objs, s.pollRows(&polls[i], now)...)
	}
	v.list.Objects = objs
	v.list.Refresh()
}

// pollRows show one poll: its state, tally and the next step's button.
func (s *App) pollRows(p *hub.PollView, now time.Time) []fyne.CanvasObject {
	lang, t := string(s.d.Lang), &p.Tally
	objs := []fyne.CanvasObject{widget.NewSeparator(),
		bold(s.tf("poll.head", p.Title.In(lang), s.pollStateName(&p.Poll, now))),
		wrap(s.tf("poll.count", fmtTime(p.Opens), fmtTime(p.Closes), t.Total(), t.PlayTotal(), t.Late))}
	most := 1
	for _, o := range p.Options {
		most = max(most, t.Counted[o.ID])
	}
	for _, o := range p.Options {
		objs = append(objs, container.NewBorder(nil, nil, nil, tallyBar(t.Counted[o.ID], most),
			widget.NewLabel(s.tf("poll.option", o.Text.In(lang), t.Counted[o.ID], t.Play[o.ID]))))
	}
	id, title := p.ID, p.Title.In(lang)
	step := func(button, confirm string, act hub.PollAction) fyne.CanvasObject {
		return widget.NewButton(s.t(button), func() { s.confirm(s.tf(confirm, title), func() { s.pollAct(id, act) }) })
	}
	var acts []fyne.CanvasObject
	switch {
	case p.State == hub.PollDraft:
		acts = append(acts, step("poll.open", "confirm.pollopen", hub.PollActOpen))
	case p.State == hub.PollOpen:
		acts = append(acts, step("poll.close", "confirm.pollclose", hub.PollActClose))
	case !p.ResultsPublished:
		acts = append(acts, step("poll.publish", "confirm.pollresults", hub.PollActResults))
	}
	return append(objs, container.NewHBox(acts...))
}

// tallyBar is an option's votes as a bar, the most voted option's full width.
func tallyBar(n, most int) fyne.CanvasObject {
	const width = 240
	bar := canvas.NewRectangle(statusColours[kiosk.StatusTriaged])
	bar.SetMinSize(fyne.NewSize(max(2, width*float32(n)/float32(most)), 14))
	return container.NewGridWrap(fyne.NewSize(width, 36), container.NewHBox(container.NewCenter(bar)))
}
