package station

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// routingInfo is where 三事分流 sent the case, among the details that
// scroll: the item an opinion went into, a 大事's government body and due
// date (overdue shown).
func (s *App) routingInfo(c *hub.Case) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	if c.DelibItem != "" {
		objs = append(objs, wrap(s.tf("route.initem", c.DelibTitle.In(string(s.d.Lang)))))
	}
	if c.Matter == kiosk.MatterBig && c.GovBody != "" {
		line := s.tf("route.body", c.GovBody, c.Due.Local().Format("2006-01-02"))
		if c.Overdue(s.d.Now()) {
			l := wrap(line + " " + s.t("route.overdue"))
			l.TextStyle.Bold = true
			objs = append(objs, l)
		} else {
			objs = append(objs, wrap(line))
		}
	}
	if len(objs) > 0 {
		objs = append([]fyne.CanvasObject{widget.NewSeparator(), bold(s.t("sec.route"))}, objs...)
	}
	return objs
}

// routingForm is 三事分流 as routing among the forms pinned at the bottom,
// one row: a 大事's government body and due date, a 小事 made into a
// deliberation item in one step, a 私事 reply with referrals. Nil when
// the case's class has nothing to route.
func (s *App) routingForm(c *hub.Case) fyne.CanvasObject {
	switch c.Matter {
	case kiosk.MatterBig:
		return s.bigForm(c)
	case kiosk.MatterSmall:
		if c.DelibItem == "" && c.Kind == kiosk.KindOpinion {
			cc := *c
			return s.row("row.route", widget.NewLabel(s.t("route.small")), widget.NewButton(s.t("route.toitem"), func() { s.caseToItem(cc) }))
		}
	case kiosk.MatterPrivate:
		return s.referralForm(c)
	}
	return nil
}

// bigForm records the government body responsible and the due date.
func (s *App) bigForm(c *hub.Case) fyne.CanvasObject {
	body, due := widget.NewEntry(), widget.NewEntry()
	body.PlaceHolder, due.PlaceHolder = s.t("route.ph.body"), s.t("route.ph.due")
	body.SetText(c.GovBody)
	if !c.Due.IsZero() {
		due.SetText(c.Due.Local().Format("2006-01-02"))
	}
	send := widget.NewButton(s.t("route.send"), func() {
		d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(due.Text), time.Local)
		if err != nil {
			s.say("%s", s.tf("bad.date", due.Text))
			return
		}
		s.do(hub.Action{Kind: hub.ActRoute, Route: hub.Routing{GovBody: body.Text, Due: d.Add(24*time.Hour - time.Second)}})
	})
	return s.row("row.route", container.NewGridWithColumns(2, body, due), send)
}

// caseToItem makes a 小事 opinion a deliberation item in one step, titled
// with its moderated text.
func (s *App) caseToItem(c hub.Case) {
	title := []rune(hub.Redact(c.Text))
	if len(title) > hub.MaxItemTitleRunes {
		title = title[:hub.MaxItemTitleRunes]
	}
	it, err := s.d.Desk.CreateItem(s.ctx, s.me, hub.ItemDraft{Title: string(title), Description: hub.Redact(c.Text), Cases: []string{c.ID}})
	if s.fail(s.t("item.what"), err) {
		return
	}
	s.say("%s", s.tf("item.made", it.N, it.Title.Zh, it.Supporters()))
	s.refreshInbox()
	s.OpenCase(c.ID)
}

// referralForm offers the referral services of the settings with a 私事
// reply.
func (s *App) referralForm(c *hub.Case) fyne.CanvasObject {
	set, err := s.d.Desk.Deliberation(s.ctx, s.me)
	if err != nil {
		return nil
	}
	picked := map[string]bool{}
	for _, r := range c.Referrals {
		for _, svc := range set.Referrals {
			if svc.Name == r.Name {
				picked[svc.ID] = true
			}
		}
	}
	var objs []fyne.CanvasObject
	for _, svc := range set.Referrals {
		id := svc.ID
		ch := widget.NewCheck(svc.Name.In(string(s.d.Lang)), func(on bool) { picked[id] = on })
		ch.SetChecked(picked[id])
		objs = append(objs, ch)
	}
	send := widget.NewButton(s.t("route.replyrefer"), func() {
		var ids []string
		for _, svc := range set.Referrals {
			if picked[svc.ID] {
				ids = append(ids, svc.ID)
			}
		}
		a := hub.Action{Kind: hub.ActReply, Reply: s.form.reply.Text, ReplyEn: s.form.replyEn.Text}
		_, err := s.d.Desk.ReplyWithReferrals(s.ctx, s.me, c.ID, c.Version, a, ids)
		if s.fail(s.t("send"), err) {
			return
		}
		s.say("%s", s.tf("case.saved", kiosk.FormatTicket(c.Ticket), s.t("send")))
		s.refreshInbox()
		s.OpenCase(c.ID)
	})
	checks := container.NewHBox(objs...)
	if len(objs) == 0 {
		checks.Add(widget.NewLabel(s.t("route.norefer")))
	}
	return s.row("row.route", container.NewHScroll(checks), send)
}
