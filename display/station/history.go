package station

// The case history as a worker reads it.

import (
	"strings"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// historyLine is one audit record as the worker reads it.
func (s *App) historyLine(a hub.Audit) string {
	if n, ok := hub.ReadUpstreamNews(a); ok {
		return s.upstreamLine(a, n)
	}
	what := string(a.Action)
	if key, ok := actionKeys[a.Action]; ok {
		what = s.t(key)
	}
	line := s.tf("case.hist", fmtTime(a.At), s.workerName(a.Worker), what)
	if a.From != a.To && a.To != "" {
		line += s.tf("case.hist.move", s.statusName(a.From), s.statusName(a.To))
	}
	switch a.Action { // the detail in words: the domain writes it for the audit, in English where not typed
	case hub.ActReply, hub.ActPublish, hub.ActNotApplicable: // what the worker typed
		line += " " + a.Detail
	case hub.ActAssign:
		line += " " + s.workerName(strings.TrimPrefix(a.Detail, "to "))
	case hub.ActDuplicate:
		line += " " + kiosk.FormatTicket(strings.TrimPrefix(a.Detail, "of "))
	case hub.ActTriage:
		if m, _, ok := strings.Cut(a.Detail, " "); ok {
			line += " " + s.matterName(kiosk.Matter(m))
		}
	}
	return line
}

// upstreamLine is a body's news on a 大事 forwarded to it: the request
// made, or its status and notes (a proposed reply the worker reviews).
func (s *App) upstreamLine(a hub.Audit, n hub.UpstreamNews) string {
	if n.Forwarded {
		return s.tf("case.hist", fmtTime(a.At), n.Body, s.tf("hist.forwarded", n.ID))
	}
	line := s.tf("case.hist", fmtTime(a.At), n.Body, s.t("hist.upstream")) + " " + s.named("hist."+n.Status)
	if n.Notes != "" {
		line += s.tf("hist.notes", n.Notes)
	}
	return line + s.tf("hist.number", n.ID)
}

// named is the text of key, or what follows its dot when the catalog
// has none (a value the catalog does not know yet).
func (s *App) named(key string) string {
	if v := s.t(key); v != key {
		return v
	}
	_, v, _ := strings.Cut(key, ".")
	return v
}

// actionKeys are the catalog keys of the actions' buttons, to name them
// in messages.
var actionKeys = map[hub.ActionKind]string{
	hub.ActTriage: "triage", hub.ActAssign: "assign", hub.ActStart: "start", hub.ActReply: "send",
	hub.ActPublish: "publish", hub.ActUnpublish: "unpublish", hub.ActClose: "close", hub.ActDuplicate: "duplicate",
	hub.ActNotApplicable: "na", hub.ActReopen: "reopen", hub.ActUpstream: "hist.upstream",
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
		cc := s.d.Checklist.Classes[i]
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
		a.Worker = s.form.assignees[i]
	}
	s.do(a)
}

func (s *App) reply() {
	s.do(hub.Action{Kind: hub.ActReply, Reply: s.form.reply.Text, ReplyEn: s.form.replyEn.Text})
}

func (s *App) publish() { s.do(hub.Action{Kind: hub.ActPublish, WallText: s.form.wall.Text}) }

// CloseCase is the 办结 button's action: it asks first, saying what
// closing means for the resident.
func (s *App) CloseCase() {
	if s.form.c.ID == "" {
		return
	}
	s.confirm(s.tf("confirm.close", kiosk.FormatTicket(s.form.c.Ticket)), s.act(hub.Action{Kind: hub.ActClose}))
}

func (s *App) duplicate() {
	of := strings.TrimSpace(s.form.dupOf.Text)
	s.confirm(s.tf("confirm.dup", kiosk.FormatTicket(s.form.c.Ticket), of), func() { s.do(hub.Action{Kind: hub.ActDuplicate, Of: of}) })
}

func (s *App) notApplicable() {
	reason := s.form.reason.Text
	s.confirm(s.tf("confirm.na", kiosk.FormatTicket(s.form.c.Ticket)), func() {
		s.do(hub.Action{Kind: hub.ActNotApplicable, Reason: reason})
	})
}
