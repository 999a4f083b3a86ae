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

// caseForm holds the detail's inputs.
type caseForm struct {
	c                                   hub.Case
	matter, item, priority, worker      *widget.Select
	reply, replyEn, wall, dupOf, reason *widget.Entry
}

// OpenCase shows a case in the detail pane, as the logged-in worker may
// see it.
func (s *App) OpenCase(id string) {
	v := &s.inbox
	cv, err := s.d.Desk.Case(s.ctx, s.me, id)
	if s.fail(s.t("what.open"), err) {
		return
	}
	v.sel = id
	v.detail.Objects = []fyne.CanvasObject{s.caseDetail(cv)}
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

// caseDetail is the case pane: what the resident sent, where the work
// stands, the forms of each action and the history.
func (s *App) caseDetail(v hub.CaseView) fyne.CanvasObject {
	s.form = caseForm{c: v.Case}
	objs := s.submissionInfo(v)
	objs = append(objs, s.workInfo(&v.Case)...)
	objs = append(objs, widget.NewSeparator(), bold(s.t("sec.triage")), s.triageForm(&v.Case),
		bold(s.t("sec.assign")), s.assignForm(v))
	objs = append(objs, s.routingForms(v)...)
	objs = append(objs, s.replyForms(v)...)
	objs = append(objs, widget.NewSeparator(), bold(s.t("sec.history")))
	for _, a := range v.History {
		line := fmt.Sprintf("%s %s %s %s→%s %s", fmtTime(a.At), s.workerName(a.Worker), a.Action, a.From, a.To, a.Detail)
		objs = append(objs, wrap(line))
	}
	return container.NewVBox(objs...)
}

// submissionInfo is what the resident sent, as the view carries it (for
// a volunteer the domain left the contact out and masked the text).
func (s *App) submissionInfo(v hub.CaseView) []fyne.CanvasObject {
	c, b := &v.Case, &v.Body
	when := fmtTime(c.At)
	if !c.ClockSynced {
		when += s.t("case.unsynced")
	}
	info := []fyne.CanvasObject{
		bold(s.tf("case.head", kiosk.FormatTicket(c.Ticket), s.kindName(c.Kind), s.statusName(c.Status))),
		widget.NewLabel(s.tf("case.where", c.Kiosk, when, fmtTime(c.ReceivedAt))),
	}
	if c.Topic != "" {
		info = append(info, widget.NewLabel(s.tf("case.topic", s.topicName(c.Topic))))
	}
	if b.Location != nil && !b.Location.IsZero() {
		info = append(info, widget.NewLabel(s.tf("case.place", strings.TrimSpace(b.Location.Street+" "+b.Location.Building))))
	}
	if c.Kind == kiosk.KindRating {
		info = append(info, widget.NewLabel(s.tf("case.rating", b.Rating)))
	}
	if c.Kind == kiosk.KindVote {
		info = append(info, widget.NewLabel(s.tf("case.vote", b.PollID, b.Option)))
	}
	if c.Text != "" {
		info = append(info, bold(s.t("case.said")), wrap(c.Text))
	}
	switch {
	case v.ContactWithheld:
		info = append(info, widget.NewLabel(s.t("contact.withheld")))
	case b.Contact == nil:
		info = append(info, widget.NewLabel(s.t("contact.none")))
	default:
		info = append(info, widget.NewLabel(s.tf("contact", b.Contact.Name, b.Contact.Phone)))
	}
	info = append(info, widget.NewLabel(s.tf("case.channel", b.Channel, b.Lang)))
	if c.Flagged {
		info = append(info, widget.NewLabel(s.t("case.play")))
	}
	return info
}

// workInfo is where the work on the case stands.
func (s *App) workInfo(c *hub.Case) []fyne.CanvasObject {
	state := s.tf("case.state", s.matterName(c.Matter), s.itemName(c.Item), c.Priority, s.workerName(c.Assignee))
	info := []fyne.CanvasObject{widget.NewSeparator(), bold(s.t("case.work")), widget.NewLabel(state)}
	if c.Reply != "" {
		info = append(info, widget.NewLabel(s.tf("case.reply", fmtTime(c.RepliedAt))), wrap(c.Reply))
		if c.ReplyEn != "" {
			info = append(info, wrap(c.ReplyEn))
		}
	}
	if c.DuplicateOf != "" {
		info = append(info, widget.NewLabel(s.tf("case.dup", kiosk.FormatTicket(c.DuplicateOf))))
	}
	if c.Reason != "" {
		info = append(info, widget.NewLabel(s.tf("case.reason", c.Reason)))
	}
	if !c.PublishedAt.IsZero() {
		info = append(info, widget.NewLabel(s.tf("case.onwall", fmtTime(c.PublishedAt), c.WallText)))
	}
	return info
}

// itemName is a checklist item's name in the app's language.
func (s *App) itemName(id string) string {
	return s.d.Desk.Checklist.ItemNameIn(id, string(s.d.Lang))
}

// triageForm chooses the class, the checklist item and the priority.
func (s *App) triageForm(c *hub.Case) fyne.CanvasObject {
	f, cl, lang := &s.form, s.d.Desk.Checklist, string(s.d.Lang)
	var matters []string
	for _, cc := range cl.Classes {
		matters = append(matters, cc.Name.In(lang)+" · "+string(cc.Matter))
	}
	f.item = widget.NewSelect(nil, nil)
	f.matter = widget.NewSelect(matters, func(string) {
		var items []string
		for _, it := range cl.Classes[f.matter.SelectedIndex()].Items {
			items = append(items, it.Name.In(lang)+" · "+it.ID)
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
	f.priority = widget.NewSelect([]string{s.t("prio.0"), s.t("prio.1"), s.t("prio.2")}, nil)
	f.priority.SetSelectedIndex(int(c.Priority))
	return container.NewGridWithColumns(2, f.matter, f.item, f.priority, widget.NewButton(s.t("triage"), s.triage))
}

// assignForm chooses the worker, with the building's (包楼) preselected.
func (s *App) assignForm(v hub.CaseView) fyne.CanvasObject {
	f := &s.form
	var names []string
	for _, w := range s.workers {
		names = append(names, w.Name+" · "+w.ID)
	}
	f.worker = widget.NewSelect(names, nil)
	pick := v.Assignee
	if pick == "" {
		pick = v.Suggested
	}
	for i, w := range s.workers {
		if w.ID == pick {
			f.worker.SetSelectedIndex(i)
		}
	}
	hint := s.t("assign.none")
	if v.Suggested != "" {
		hint = s.tf("assign.suggest", s.workerName(v.Suggested))
	}
	return container.NewVBox(widget.NewLabel(hint), container.NewGridWithColumns(3, f.worker, widget.NewButton(s.t("assign"), s.assign),
		widget.NewButton(s.t("start"), s.act(hub.Action{Kind: hub.ActStart}))))
}

// replyForms are the reply, the wall and the other ways a case ends.
func (s *App) replyForms(v hub.CaseView) []fyne.CanvasObject {
	f := &s.form
	entry := func(key, text string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = s.t(key)
		e.SetText(text)
		return e
	}
	f.reply = widget.NewMultiLineEntry()
	f.reply.PlaceHolder = s.t("ph.reply")
	f.reply.SetText(v.Reply)
	f.reply.SetMinRowsVisible(3)
	f.replyEn = entry("ph.replyEn", v.ReplyEn)
	f.wall = entry("ph.wall", v.WallDraft)
	f.dupOf = entry("ph.dup", "")
	f.reason = entry("ph.reason", "")
	button := func(key string, do func()) *widget.Button { return widget.NewButton(s.t(key), do) }
	return []fyne.CanvasObject{
		bold(s.t("sec.reply")), f.reply, f.replyEn,
		container.NewHBox(button("send", s.reply), button("close", s.act(hub.Action{Kind: hub.ActClose}))),
		bold(s.t("sec.wall")), f.wall,
		container.NewHBox(button("publish", s.publish), button("unpublish", s.act(hub.Action{Kind: hub.ActUnpublish}))),
		bold(s.t("sec.other")), container.NewGridWithColumns(2, f.dupOf, button("duplicate", s.duplicate)),
		container.NewGridWithColumns(2, f.reason, button("na", s.notApplicable)),
		button("reopen", s.act(hub.Action{Kind: hub.ActReopen})),
	}
}

// actionKeys are the catalog keys of the actions' buttons, to name them
// in messages.
var actionKeys = map[hub.ActionKind]string{
	hub.ActTriage: "triage", hub.ActAssign: "assign", hub.ActStart: "start", hub.ActReply: "send",
	hub.ActPublish: "publish", hub.ActUnpublish: "unpublish", hub.ActClose: "close", hub.ActDuplicate: "duplicate",
	hub.ActNotApplicable: "na", hub.ActReopen: "reopen",
}

// act returns a button action doing a to the open case.
func (s *App) act(a hub.Action) func() {
	return func() { s.do(a) }
}

// do applies an action to the open case, then reloads it and the inbox.
func (s *App) do(a hub.Action) error {
	c := s.form.c
	what := s.t(actionKeys[a.Kind])
	_, err := s.d.Desk.Act(s.ctx, s.me, c.ID, c.Version, a)
	if s.fail(what, err) {
		if hub.IsConflict(err) {
			s.OpenCase(c.ID)
		}
		return err
	}
	s.say("%s", s.tf("case.saved", kiosk.FormatTicket(c.Ticket), what))
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
	s.do(a)
}

func (s *App) assign() {
	a := hub.Action{Kind: hub.ActAssign}
	if i := s.form.worker.SelectedIndex(); i >= 0 {
		a.Worker = s.workers[i].ID
	}
	s.do(a)
}

func (s *App) reply() {
	s.do(hub.Action{Kind: hub.ActReply, Reply: s.form.reply.Text, ReplyEn: s.form.replyEn.Text})
}

func (s *App) publish() { s.do(hub.Action{Kind: hub.ActPublish, WallText: s.form.wall.Text}) }

func (s *App) duplicate() { s.do(hub.Action{Kind: hub.ActDuplicate, Of: s.form.dupOf.Text}) }

func (s *App) notApplicable() {
	s.do(hub.Action{Kind: hub.ActNotApplicable, Reason: s.form.reason.Text})
}
