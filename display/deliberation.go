package display

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// The community's deliberation on the resident screens: the 议事日 on the
// attract screen and home, an opinion's item and a private matter's
// referrals at lookup, the items voted on (我们一起办) on the wall.

// dayPolls returns the deliberation day and the items being voted, when
// the day is on by the kiosk's clock; nil otherwise.
func (k *Kiosk) dayPolls() (*kiosk.DeliberationDay, []kiosk.Poll) {
	ps, err := k.d.Snapshots.Polls(context.Background())
	if err != nil || !ps.Day.Active(k.d.Now()) {
		return nil, nil
	}
	var items []kiosk.Poll
	for _, p := range openPolls(ps.Polls, k.d.Now) {
		if p.Item > 0 && p.Results == nil {
			items = append(items, p)
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	return ps.Day, items
}

// dayAttract is the attract screen during the deliberation day: the items
// being voted, with their live tallies when the station allows, and one
// big button to vote; nil when the day is not on.
func (k *Kiosk) dayAttract(v session.View) fyne.CanvasObject {
	day, items := k.dayPolls()
	if day == nil {
		return nil
	}
	s := k.d.Session
	vote := k.big(k.t("day.vote"), true, k.act(func() error {
		s.Wake(kiosk.ChannelTouch)
		k.polls = items
		return s.Start(session.FlowVote)
	}))
	parts := []fyne.CanvasObject{
		k.label(k.d.Now().Format("2006-01-02 15:04"), fyne.TextAlignTrailing, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance),
		k.title(k.t("day.title")),
		k.bold(fmt.Sprintf(k.t("day.hours"), day.From, day.To), fyne.TextAlignCenter),
		k.separator(),
	}
	for _, p := range items {
		parts = append(parts, k.dayItem(p, day.LiveTallies)...)
	}
	parts = append(parts, k.separator(), minSize(vote, 6*minTarget, 2*minTarget), spacer())
	return container.NewPadded(container.NewVBox(parts...))
}

// dayItem is one item being voted: its number and title, and the votes
// so far when live tallies are on.
func (k *Kiosk) dayItem(p kiosk.Poll, live bool) []fyne.CanvasObject {
	out := []fyne.CanvasObject{k.bold(fmt.Sprintf(k.t("day.item"), p.Item, p.Title.In(k.lang())), fyne.TextAlignLeading)}
	if live && p.Live != nil {
		out = append(out, k.text(fmt.Sprintf(k.t("day.live"), p.Live["agree"], p.Live["disagree"], p.Live["abstain"])))
	}
	return out
}

// dayBanner heads the home screen during the deliberation day; nothing
// otherwise.
func (k *Kiosk) dayBanner() []fyne.CanvasObject {
	day, items := k.dayPolls()
	if day == nil {
		return nil
	}
	return []fyne.CanvasObject{k.message(fmt.Sprintf(k.t("day.banner"), len(items)))}
}

// lookupItem adds to a ticket's lookup the item its opinion went into.
func (k *Kiosk) lookupItem(u *kiosk.TicketUpdate) []fyne.CanvasObject {
	if u.Item == nil || u.Item.Zh == "" {
		return nil
	}
	return []fyne.CanvasObject{k.separator(), k.bold(fmt.Sprintf(k.t("lookup.item"), u.Item.In(k.lang())), fyne.TextAlignLeading)}
}

// lookupReferrals is the services a private matter's reply points to, to
// go under the reply: one wrapped paragraph, as the lookup's status line
// already takes much of the screen.
func (k *Kiosk) lookupReferrals(u *kiosk.TicketUpdate) []fyne.CanvasObject {
	if len(u.Referrals) == 0 {
		return nil
	}
	text := k.t("lookup.referrals")
	for i, r := range u.Referrals {
		if i > 0 {
			text += k.t("lookup.sep")
		}
		if r.Contact.Zh != "" {
			text += fmt.Sprintf(k.t("lookup.referral"), r.Name.In(k.lang()), r.Contact.In(k.lang()))
		} else {
			text += r.Name.In(k.lang())
		}
	}
	return []fyne.CanvasObject{k.bold(text, fyne.TextAlignLeading)}
}

// projectsPerPage is how many voted items a page of the wall shows: each
// takes three lines or more, so large text (长辈) shows one.
func (k *Kiosk) projectsPerPage() int {
	if k.d.Session.View().Slow {
		return 1
	}
	return 2
}

// projectsPage shows a page of the items residents voted on (我们一起办),
// with their last progress.
func (k *Kiosk) projectsPage(ps []kiosk.Project) []fyne.CanvasObject {
	parts := []fyne.CanvasObject{k.title(k.t("wall.projects"))}
	for _, p := range ps {
		parts = append(parts, k.bold(fmt.Sprintf(k.t("day.item"), p.N, p.Title.In(k.lang()))+" · "+k.t("stage."+p.Stage), fyne.TextAlignLeading),
			k.text(fmt.Sprintf(k.t("day.live"), p.Agree, p.Disagree, p.Abstain)))
		if n := len(p.Progress); n > 0 {
			g := p.Progress[n-1]
			line := g.At.Local().Format("01-02") + " " + k.inLang(g.Note, g.NoteEn)
			if g.Budget > 0 {
				line += fmt.Sprintf(k.t("wall.budget"), g.Budget)
			}
			parts = append(parts, k.text(line))
		}
		parts = append(parts, k.separator())
	}
	return parts
}

// wallWithProjects pages through the wall when it has deliberation
// items: first the items (我们一起办), then the replies (你说我办).
func (k *Kiosk) wallWithProjects(w kiosk.WallSnapshot) fyne.CanvasObject {
	per := k.projectsPerPage()
	first := (len(w.Projects) + per - 1) / per // pages of items
	replies := k.replyPages(w.Items)
	pages := first + len(replies)
	k.wallPage = max(0, min(k.wallPage, pages-1))
	var parts []fyne.CanvasObject
	if k.wallPage < first {
		from := k.wallPage * per
		parts = k.projectsPage(w.Projects[from:min(from+per, len(w.Projects))])
	} else {
		at := func(item int) int { return first + firstPageOf(k.replyPages(w.Items), item) }
		parts = append([]fyne.CanvasObject{k.title(k.t("wall.title"))}, k.replyPage(w.Items, replies[k.wallPage-first], at)...)
	}
	k.next = k.wallTurner(pages)
	return container.NewVBox(parts...)
}
