package station

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
)

type pollsView struct {
	list                     *fyne.Container
	id, title, opens, closes *widget.Entry
	options                  *widget.Entry
}

func (s *App) pollsScreen() fyne.CanvasObject {
	v := &s.poll
	v.list = container.NewVBox()
	v.id, v.title = widget.NewEntry(), widget.NewEntry()
	v.id.PlaceHolder = "编号 id, e.g. 2026-12-parking"
	v.title.PlaceHolder = "议题 title: 中文 | English"
	v.options = widget.NewMultiLineEntry()
	v.options.PlaceHolder = "每行一个选项 one option per line: 中文 | English"
	v.options.SetMinRowsVisible(4)
	now := s.d.Now()
	v.opens, v.closes = widget.NewEntry(), widget.NewEntry()
	v.opens.PlaceHolder, v.closes.PlaceHolder = "开始时间 2026-12-01 09:00", "截止时间 2026-12-15 18:00"
	v.opens.SetText(now.Local().Format("2006-01-02 15:04"))
	v.closes.SetText(now.Local().AddDate(0, 0, 14).Format("2006-01-02 15:04"))
	form := container.NewVBox(bold("新投票 New poll（草稿 draft）"), v.id, v.title, v.options,
		container.NewGridWithColumns(2, container.NewBorder(nil, nil, widget.NewLabel("开始 opens"), nil, v.opens),
			container.NewBorder(nil, nil, widget.NewLabel("截止 closes"), nil, v.closes)),
		widget.NewButton("保存草稿 Save draft", s.createPoll))
	return container.NewBorder(form, nil, nil, nil, container.NewScroll(v.list))
}

func (s *App) createPoll() {
	v := &s.poll
	opens, err1 := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(v.opens.Text), time.Local)
	closes, err2 := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(v.closes.Text), time.Local)
	if err1 != nil || err2 != nil {
		s.say("时间应写成 2026-12-01 09:00 (times as YYYY-MM-DD HH:MM)")
		return
	}
	p, err := hub.NewPoll(strings.TrimSpace(v.id.Text), v.title.Text, strings.Split(v.options.Text, "\n"), opens, closes, s.me.ID, s.d.Now())
	if s.fail("投票 Poll", err) {
		return
	}
	if s.fail("投票 Poll", s.d.Desk.CreatePoll(s.ctx, s.me, p)) {
		return
	}
	s.say("投票 %s 已存为草稿 saved as a draft", p.ID)
	v.id.SetText("")
	v.title.SetText("")
	v.options.SetText("")
	s.refreshPolls()
}

// PollAct opens, closes or publishes a poll's results (buttons; tests).
func (s *App) PollAct(id string, act hub.PollAction) error {
	_, err := s.d.Desk.PollAct(s.ctx, s.me, id, act)
	if s.fail("投票 Poll", err) {
		return err
	}
	s.say("投票 %s: %s", id, act)
	s.refreshPolls()
	return nil
}

func pollStateName(p *hub.Poll, now time.Time) string {
	switch {
	case p.State == hub.PollDraft:
		return "草稿 draft"
	case p.Live(now):
		return "投票中 open"
	case p.State == hub.PollOpen && now.Before(p.Opens):
		return "待开始 scheduled"
	case p.State == hub.PollOpen:
		return "已到截止时间 past closing time"
	case p.ResultsPublished:
		return "已公布结果 results published"
	}
	return "已结束 closed"
}

// refreshPolls lists the polls with their live tallies.
func (s *App) refreshPolls() {
	v := &s.poll
	if v.list == nil {
		return
	}
	polls, err := s.d.Store.Polls(s.ctx)
	if s.fail("投票 Polls", err) {
		return
	}
	tallies, err := s.d.Desk.Tallies(s.ctx, polls)
	if s.fail("投票 Polls", err) {
		return
	}
	now := s.d.Now()
	var objs []fyne.CanvasObject
	if len(polls) == 0 {
		objs = append(objs, widget.NewLabel("还没有投票 No polls yet"))
	}
	for i := range polls {
		p := &polls[i]
		t := tallies[p.ID]
		objs = append(objs, widget.NewSeparator(),
			bold(fmt.Sprintf("%s · %s · %s", p.Title.Zh, p.ID, pollStateName(p, now))),
			widget.NewLabel(fmt.Sprintf("%s → %s · 有效票 counted %d · 疑似误触 probable play %d · 时间外 outside times %d",
				fmtTime(p.Opens), fmtTime(p.Closes), t.Total(), t.PlayTotal(), t.Late)))
		for _, o := range p.Options {
			objs = append(objs, widget.NewLabel(fmt.Sprintf("    %s：%d 票（另有疑似误触 %d）", o.Text.Zh, t.Counted[o.ID], t.Play[o.ID])))
		}
		id := p.ID
		var acts []fyne.CanvasObject
		switch {
		case p.State == hub.PollDraft:
			acts = append(acts, widget.NewButton("发布到设备 Publish "+id, func() { s.PollAct(id, hub.PollActOpen) }))
		case p.State == hub.PollOpen:
			acts = append(acts, widget.NewButton("结束投票 Close "+id, func() { s.PollAct(id, hub.PollActClose) }))
		case !p.ResultsPublished:
			acts = append(acts, widget.NewButton("公布结果 Publish results "+id, func() { s.PollAct(id, hub.PollActResults) }))
		}
		objs = append(objs, container.NewHBox(acts...))
	}
	v.list.Objects = objs
	v.list.Refresh()
}
