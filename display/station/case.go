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
	c                                        hub.Case
	matter, item, priority, worker, template *widget.Select
	reply                                    *keyEntry
	replyEn, wall, dupOf, reason             *widget.Entry
	assignees                                []string // worker ids in the order of worker's options
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

// caseDetail is the case pane: the case's heading on top, the actions'
// forms at the bottom, always in view, and between them, scrolling, what
// the resident sent, where the work stands and the history.
func (s *App) caseDetail(v hub.CaseView) fyne.CanvasObject {
	s.form = caseForm{c: v.Case}
	c := &v.Case
	head := bold(s.tf("case.head", kiosk.FormatTicket(c.Ticket), s.kindName(c.Kind), s.statusName(c.Status)))
	var objs []fyne.CanvasObject
	if c.Kind == kiosk.KindVoice { // the recording first: what the resident said
		objs = append(s.voiceInfo(c), widget.NewSeparator())
	} else {
		s.closeTrack()
	}
	objs = append(objs, s.submissionInfo(v)...)
	objs = append(objs, s.workInfo(&v.Case)...)
	objs = append(objs, s.routingInfo(&v.Case)...)
	objs = append(objs, widget.NewSeparator(), bold(s.t("sec.history")))
	for _, a := range v.History {
		objs = append(objs, wrap(s.historyLine(a)))
	}
	forms := container.NewVBox(widget.NewSeparator(), s.triageForm(&v.Case), s.assignForm(v))
	if r := s.routingForm(&v.Case); r != nil {
		forms.Add(r)
	}
	forms.Objects = append(forms.Objects, s.replyForms(v)...)
	return container.NewBorder(head, forms, nil, nil, container.NewVScroll(container.NewVBox(objs...)))
}

// row is one line of the action forms: its name, the inputs, the buttons.
func (s *App) row(key string, inputs fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	name := bold(s.t(key))
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(64, name.MinSize().Height), name),
		container.NewHBox(buttons...), inputs)
}

// submissionInfo is what the resident sent, as the view carries it (for
// a volunteer the domain left the contact out and masked the text).
func (s *App) submissionInfo(v hub.CaseView) []fyne.CanvasObject {
	c, b := &v.Case, &v.Body
	when := fmtTime(c.At)
	if !c.ClockSynced {
		when += s.t("case.unsynced")
	}
	info := []fyne.CanvasObject{wrap(s.tf("case.where", c.Kiosk, when, fmtTime(c.ReceivedAt)))}
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
		title, option := s.pollWords(b.PollID, b.Option)
		info = append(info, wrap(s.tf("case.vote", title, option)))
	}
	if c.Text != "" && c.Kind != kiosk.KindVoice { // a voice's text is the worker's summary, below
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
	info = append(info, widget.NewLabel(s.tf("case.channel", s.named("channel."+string(b.Channel)), s.named("lang."+b.Lang))))
	if c.Flagged {
		info = append(info, widget.NewLabel(s.t("case.play")))
	}
	return info
}

// workInfo is where the work on the case stands.
func (s *App) workInfo(c *hub.Case) []fyne.CanvasObject {
	state := s.tf("case.state", s.matterName(c.Matter), s.itemName(c.Item), s.t(fmt.Sprintf("prio.name.%d", c.Priority)), s.workerName(c.Assignee))
	info := []fyne.CanvasObject{widget.NewSeparator(), bold(s.t("case.work")), wrap(state)}
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
		info = append(info, wrap(s.tf("case.onwall", fmtTime(c.PublishedAt), c.WallText)))
	}
	return info
}

// itemName is a checklist item's name in the app's language.
func (s *App) itemName(id string) string {
	return s.d.Checklist.ItemNameIn(id, string(s.d.Lang))
}

// triageForm chooses the class, the checklist item and the priority.
func (s *App) triageForm(c *hub.Case) fyne.CanvasObject {
	f, cl, lang := &s.form, s.d.Checklist, string(s.d.Lang)
	var matters []string
	for _, cc := range cl.Classes {
		matters = append(matters, cc.Name.In(lang))
	}
	f.item = widget.NewSelect(nil, nil)
	f.item.PlaceHolder = s.t("ph.item")
	f.matter = widget.NewSelect(matters, func(string) {
		var items []string
		for _, it := range cl.Classes[f.matter.SelectedIndex()].Items {
			items = append(items, it.Name.In(lang))
		}
		f.item.SetOptions(items)
		f.item.ClearSelected()
	})
	f.matter.PlaceHolder = s.t("ph.matter")
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
	f.priority = widget.NewSelect([]string{s.t("prio.name.0"), s.t("prio.name.1"), s.t("prio.name.2")}, nil)
	f.priority.PlaceHolder = s.t("ph.priority")
	f.priority.SetSelectedIndex(int(c.Priority))
	return s.row("row.triage", container.NewGridWithColumns(3, f.matter, f.item, f.priority), widget.NewButton(s.t("triage"), s.triage))
}

// assignForm chooses the worker: the building's (包楼) first, each with
// their role and how many open cases they have.
func (s *App) assignForm(v hub.CaseView) fyne.CanvasObject {
	f := &s.form
	open := map[string]int{}
	if in, err := s.d.Desk.Inbox(s.ctx, s.me, hub.Filter{Status: hub.StatusOpen, Limit: 1}); err == nil {
		open = in.ByAssignee
	}
	var names []string
	for _, w := range s.workers {
		key := "assignee.opt"
		if w.ID == v.Suggested {
			key = "assignee.building"
		}
		opt := s.tf(key, w.Name, s.roleName(w.Role), open[w.ID])
		if w.ID == v.Suggested {
			names, f.assignees = append([]string{opt}, names...), append([]string{w.ID}, f.assignees...)
		} else {
			names, f.assignees = append(names, opt), append(f.assignees, w.ID)
		}
	}
	f.worker = widget.NewSelect(names, nil)
	f.worker.PlaceHolder = s.t("ph.worker")
	pick := v.Assignee
	if pick == "" {
		pick = v.Suggested
	}
	for i, id := range f.assignees {
		if id == pick {
			f.worker.SetSelectedIndex(i)
		}
	}
	return s.row("row.assign", f.worker, widget.NewButton(s.t("assign"), s.assign),
		widget.NewButton(s.t("start"), s.act(hub.Action{Kind: hub.ActStart})))
}

// replyForms are the reply with its templates, the wall text, the
// buttons that send, publish and close side by side, and the other ways
// a case ends.
func (s *App) replyForms(v hub.CaseView) []fyne.CanvasObject {
	f := &s.form
	entry := func(key, text string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = s.t(key)
		e.SetText(text)
		return e
	}
	f.reply = newKeyEntry(s.shortcut)
	f.reply.PlaceHolder = s.t("ph.reply")
	f.reply.SetText(v.Reply)
	f.reply.SetMinRowsVisible(2)
	f.replyEn = entry("ph.replyEn", v.ReplyEn)
	f.wall = entry("ph.wall", v.WallDraft)
	f.dupOf = entry("ph.dup", "")
	f.reason = entry("ph.reason", "")
	f.template = s.templatePicker()
	button := func(key string, do func()) *widget.Button { return widget.NewButton(s.t(key), do) }
	ticket := kiosk.FormatTicket(v.Ticket)
	unpublish := func() { s.confirm(s.tf("confirm.unpublish", ticket), s.act(hub.Action{Kind: hub.ActUnpublish})) }
	return []fyne.CanvasObject{
		// The template picker beside the English reply, one line: the pane
		// keeps room for the details above the forms with a routing row.
		s.row("row.reply", container.NewVBox(f.reply, container.NewGridWithColumns(2, f.template, f.replyEn))),
		s.row("row.wall", f.wall),
		s.row("", container.NewHBox(button("send", s.reply), button("publish", s.publish), button("unpublish", unpublish),
			button("close", s.CloseCase), button("reopen", s.act(hub.Action{Kind: hub.ActReopen})))),
		s.row("row.other", container.NewGridWithColumns(2, container.NewBorder(nil, nil, nil, button("duplicate", s.duplicate), f.dupOf),
			container.NewBorder(nil, nil, nil, button("na", s.notApplicable), f.reason))),
	}
}

// pollWords are a vote's poll title and option in the app's language (the
// ids when the poll is gone).
func (s *App) pollWords(pollID, option string) (string, string) {
	polls, err := s.d.Desk.Polls(s.ctx, s.me)
	if err != nil {
		return pollID, option
	}
	lang := string(s.d.Lang)
	for _, p := range polls {
		if p.ID == pollID {
			for _, o := range p.Options {
				if o.ID == option {
					return p.Title.In(lang), o.Text.In(lang)
				}
			}
			return p.Title.In(lang), option
		}
	}
	return pollID, option
}
