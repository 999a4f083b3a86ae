package station

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// caseForm holds the detail's inputs, for tests.
type caseForm struct {
	c                                   hub.Case
	matter, item, priority, worker      *widget.Select
	reply, replyEn, wall, dupOf, reason *widget.Entry
}

// OpenCase shows a case in the detail pane.
func (s *App) OpenCase(id string) {
	v := &s.inbox
	c, r, err := s.d.Store.Case(s.ctx, id)
	if s.fail("打开 Open", err) {
		return
	}
	hist, err := s.d.Store.History(s.ctx, id)
	if s.fail("记录 History", err) {
		return
	}
	v.sel = id
	v.detail.Objects = []fyne.CanvasObject{s.caseDetail(c, r, hist)}
	v.detail.Refresh()
}

func bold(t string) *widget.Label {
	return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrap(t string) *widget.Label {
	l := widget.NewLabel(t)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (s *App) caseDetail(c hub.Case, r hub.Received, hist []hub.Audit) fyne.CanvasObject {
	s.form = caseForm{c: c}
	f := &s.form
	cat := s.d.Catalog
	when := fmtTime(c.At)
	if !c.ClockSynced {
		when += "（设备时钟未同步，按工作站收到时间 kiosk clock not synced: time received）"
	}
	info := []fyne.CanvasObject{
		bold(fmt.Sprintf("回执号 %s · %s · %s", kiosk.FormatTicket(c.Ticket), kindName(c.Kind), statusName(c.Status))),
		widget.NewLabel(fmt.Sprintf("设备 %s · 时间 %s · 收到 %s", c.Kiosk, when, fmtTime(c.ReceivedAt))),
	}
	b := r.Body
	if c.Topic != "" {
		info = append(info, widget.NewLabel("话题/服务 topic: "+cat.Name(c.Topic)))
	}
	if b.Location != nil && !b.Location.IsZero() {
		info = append(info, widget.NewLabel("地点 place: "+strings.TrimSpace(b.Location.Street+" "+b.Location.Building)))
	}
	if c.Kind == kiosk.KindRating {
		info = append(info, widget.NewLabel(fmt.Sprintf("评分 rating: %d/4", b.Rating)))
	}
	if c.Kind == kiosk.KindVote {
		info = append(info, widget.NewLabel(fmt.Sprintf("投票 vote: %s → %s", b.PollID, b.Option)))
	}
	if c.Text != "" {
		info = append(info, bold("居民说 The resident said:"), wrap(c.Text))
	}
	switch {
	case b.Contact == nil:
		info = append(info, widget.NewLabel("联系方式：未留 (no contact left)"))
	case s.me.Role.SeesContact():
		info = append(info, widget.NewLabel(fmt.Sprintf("联系方式 contact: %s %s", b.Contact.Name, b.Contact.Phone)))
	default:
		info = append(info, widget.NewLabel("联系方式：仅社工和站长可见 (contact: workers and the lead only)"))
	}
	info = append(info, widget.NewLabel(fmt.Sprintf("输入 channel: %s · 语言 language: %s", b.Channel, b.Lang)))
	if c.Flagged {
		info = append(info, widget.NewLabel("［疑似误触 probable play: not in statistics］"))
	}
	state := fmt.Sprintf("分流 %s %s · 优先级 %d · 负责人 %s", matterName(c.Matter), s.d.Desk.Checklist.ItemName(c.Item), c.Priority, s.workerName(c.Assignee))
	info = append(info, widget.NewSeparator(), bold("办理 Work"), widget.NewLabel(state))
	if c.Reply != "" {
		info = append(info, widget.NewLabel("回复 reply（"+fmtTime(c.RepliedAt)+"）:"), wrap(c.Reply))
		if c.ReplyEn != "" {
			info = append(info, wrap(c.ReplyEn))
		}
	}
	if c.DuplicateOf != "" {
		info = append(info, widget.NewLabel("重复于 duplicate of "+kiosk.FormatTicket(c.DuplicateOf)))
	}
	if c.Reason != "" {
		info = append(info, widget.NewLabel("不受理原因 reason: "+c.Reason))
	}
	if !c.PublishedAt.IsZero() {
		info = append(info, widget.NewLabel("已上墙 on the wall since "+fmtTime(c.PublishedAt)+": "+c.WallText))
	}

	// Triage: class, checklist item, priority.
	cl := s.d.Desk.Checklist
	var matters []string
	for _, cc := range cl.Classes {
		matters = append(matters, cc.Name.Zh+" "+string(cc.Matter))
	}
	f.item = widget.NewSelect(nil, nil)
	f.matter = widget.NewSelect(matters, func(string) {
		i := f.matter.SelectedIndex()
		var items []string
		for _, it := range cl.Classes[i].Items {
			items = append(items, it.Name.Zh+" · "+it.ID)
		}
		f.item.SetOptions(items)
		f.item.ClearSelected()
	})
	for i, cc := range cl.Classes {
		if cc.Matter == c.Matter {
			f.matter.SetSelectedIndex(i)
			for j, it := range cc.Items {
				if it.ID == c.Item {
					f.item.SetSelectedIndex(j)
				}
			}
		}
	}
	f.priority = widget.NewSelect([]string{"0 一般 normal", "1 较急 high", "2 紧急 urgent"}, nil)
	f.priority.SetSelectedIndex(int(c.Priority))
	triage := container.NewGridWithColumns(2, f.matter, f.item, f.priority, widget.NewButton("分类 Triage", s.triage))

	// Assignment, with the 包楼 worker suggested.
	var names []string
	for _, w := range s.workers {
		names = append(names, w.Name+" · "+w.ID)
	}
	f.worker = widget.NewSelect(names, nil)
	suggest, _ := s.d.Desk.SuggestAssignee(s.ctx, c)
	pick := c.Assignee
	if pick == "" {
		pick = suggest
	}
	for i, w := range s.workers {
		if w.ID == pick {
			f.worker.SetSelectedIndex(i)
		}
	}
	hint := "无包楼人员 (no building worker)"
	if suggest != "" {
		hint = "包楼建议 suggested: " + s.workerName(suggest)
	}
	assign := container.NewVBox(widget.NewLabel(hint), container.NewGridWithColumns(3, f.worker, widget.NewButton("指派 Assign", s.assign),
		widget.NewButton("开始办理 Start", s.act(hub.Action{Kind: hub.ActStart}))))

	f.reply = widget.NewMultiLineEntry()
	f.reply.PlaceHolder = "回复居民（中文）Reply in Chinese"
	f.reply.SetText(c.Reply)
	f.reply.SetMinRowsVisible(3)
	f.replyEn = widget.NewEntry()
	f.replyEn.PlaceHolder = "English (optional)"
	f.replyEn.SetText(c.ReplyEn)
	f.wall = widget.NewEntry()
	f.wall.PlaceHolder = "上墙的问题（已去除个人信息，可修改）moderated question"
	wallText := c.WallText
	if wallText == "" {
		wallText = hub.Redact(c.Text)
	}
	f.wall.SetText(wallText)
	f.dupOf = widget.NewEntry()
	f.dupOf.PlaceHolder = "原回执号 ticket it duplicates"
	f.reason = widget.NewEntry()
	f.reason.PlaceHolder = "不受理原因 reason"

	forms := []fyne.CanvasObject{widget.NewSeparator(), bold("三事分流 Triage"), triage, bold("指派 Assign"), assign,
		bold("回复 Reply"), f.reply, f.replyEn, container.NewHBox(widget.NewButton("发送回复 Send reply", s.reply), widget.NewButton("办结 Close", s.act(hub.Action{Kind: hub.ActClose}))),
		bold("回复墙 Wall"), f.wall, container.NewHBox(widget.NewButton("上墙 Publish", s.publish), widget.NewButton("撤下 Take down", s.act(hub.Action{Kind: hub.ActUnpublish}))),
		bold("其他 Other"), container.NewGridWithColumns(2, f.dupOf, widget.NewButton("标为重复 Mark duplicate", s.duplicate)),
		container.NewGridWithColumns(2, f.reason, widget.NewButton("不受理 Not applicable", s.notApplicable)),
		widget.NewButton("重新打开 Reopen", s.act(hub.Action{Kind: hub.ActReopen})),
		widget.NewSeparator(), bold("记录 History")}
	for _, a := range hist {
		line := fmt.Sprintf("%s %s %s %s→%s %s", fmtTime(a.At), s.workerName(a.Worker), a.Action, a.From, a.To, a.Detail)
		forms = append(forms, wrap(line))
	}
	return container.NewVBox(append(info, forms...)...)
}

// act returns a button action doing a to the open case.
func (s *App) act(a hub.Action) func() {
	return func() { s.Do(a) }
}

// Do applies an action to the open case, then reloads it and the inbox.
func (s *App) Do(a hub.Action) error {
	c := s.form.c
	_, err := s.d.Desk.Act(s.ctx, s.me, c.ID, c.Version, a)
	if s.fail(string(a.Kind), err) {
		if hub.IsConflict(err) {
			s.OpenCase(c.ID)
		}
		return err
	}
	s.say("%s：%s 已保存 saved", kiosk.FormatTicket(c.Ticket), a.Kind)
	sel := c.ID
	s.refreshInbox()
	s.OpenCase(sel)
	return nil
}

func (s *App) triage() {
	f := &s.form
	a := hub.Action{Kind: hub.ActTriage, Priority: hub.Priority(max(f.priority.SelectedIndex(), 0))}
	if i := f.matter.SelectedIndex(); i >= 0 {
		cc := s.d.Desk.Checklist.Classes[i]
		a.Matter = cc.Matter
		if j := f.item.SelectedIndex(); j >= 0 {
			a.Item = cc.Items[j].ID
		}
	}
	s.Do(a)
}

func (s *App) assign() {
	a := hub.Action{Kind: hub.ActAssign}
	if i := s.form.worker.SelectedIndex(); i >= 0 {
		a.Worker = s.workers[i].ID
	}
	s.Do(a)
}

func (s *App) reply() {
	s.Do(hub.Action{Kind: hub.ActReply, Reply: s.form.reply.Text, ReplyEn: s.form.replyEn.Text})
}

func (s *App) publish() { s.Do(hub.Action{Kind: hub.ActPublish, WallText: s.form.wall.Text}) }

func (s *App) duplicate() { s.Do(hub.Action{Kind: hub.ActDuplicate, Of: s.form.dupOf.Text}) }

func (s *App) notApplicable() {
	s.Do(hub.Action{Kind: hub.ActNotApplicable, Reason: s.form.reason.Text})
}
