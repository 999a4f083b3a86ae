package display

import (
	"context"

	"fmt"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// attract invites a passer-by, shows a published reply and the time.
func (k *Kiosk) attract(v session.View) fyne.CanvasObject {
	s := k.d.Session
	wake := k.act(func() error { s.Wake(kiosk.ChannelTouch); return nil })
	call := k.button(k.t("attract.call"), wake)
	call.Importance = widget.HighImportance
	call.Refresh()
	parts := []fyne.CanvasObject{
		k.label(k.d.Now().Format("2006-01-02 15:04"), fyne.TextAlignTrailing, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance),
		spacer(),
		minSize(call, 6*MinTarget, 3*MinTarget),
		k.title(k.t("attract.sub")),
	}
	w, err := k.d.Snapshots.Wall(context.Background())
	switch {
	case k.announcement.Zh != "" && (k.announceTill.IsZero() || k.d.Now().Before(k.announceTill)):
		parts = append(parts, k.message(k.announcement.In(v.Lang)))
	case err == nil && w.Announcement.Zh != "":
		parts = append(parts, k.message(w.Announcement.In(v.Lang)))
	}
	if err == nil && len(w.Items) > 0 {
		// Rotate through the wall, one reply a minute.
		it := w.Items[int(k.d.Now().Unix()/60)%len(w.Items)]
		parts = append(parts, k.separator(), k.title(k.t("attract.wall")), k.text(it.Question), k.text("→ "+k.inLang(it.Reply, it.ReplyEn)))
	}
	parts = append(parts, spacer())
	return container.NewPadded(container.NewVBox(parts...))
}

// home offers the five things a resident can do.
func (k *Kiosk) home(v session.View) fyne.CanvasObject {
	s := k.d.Session
	start := func(f session.Flow) func() {
		return k.act(func() error {
			if f == session.FlowVote {
				p, err := k.d.Snapshots.Polls(context.Background())
				if err != nil {
					return err
				}
				k.polls = openPolls(p.Polls, k.d.Now)
			}
			return s.Start(f)
		})
	}
	tile := func(key string, f session.Flow) fyne.CanvasObject {
		b := k.button(k.t(key), start(f))
		b.Importance = widget.HighImportance
		b.Refresh()
		return minSize(b, 4*MinTarget, 2*MinTarget)
	}
	return container.NewVBox(k.title(k.t("home.title")), grid(2,
		tile("home.opinion", session.FlowOpinion), tile("home.rating", session.FlowRating),
		tile("home.vote", session.FlowVote), tile("home.lookup", session.FlowLookup),
		tile("home.wall", session.FlowWall),
	))
}

// step draws the current step of a flow.
func (k *Kiosk) step(v session.View) fyne.CanvasObject {
	switch v.Step {
	case session.StepTopic:
		return k.topics(v)
	case session.StepLocation:
		return k.location(v)
	case session.StepWords:
		return k.words(v)
	case session.StepContact:
		return k.contact(v)
	case session.StepService:
		return k.services(v)
	case session.StepRating:
		return k.ratings(v)
	case session.StepReasons:
		return k.reasons(v)
	case session.StepPoll:
		return k.pollList(v)
	case session.StepOption:
		return k.options(v)
	case session.StepCode:
		return k.codeEntry(v)
	case session.StepResult:
		return k.result(v)
	case session.StepBrowse:
		return k.wall(v)
	}
	return k.text(string(v.Step))
}

func (k *Kiosk) topics(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var tiles []fyne.CanvasObject
	for _, t := range k.d.Config.Topics {
		tiles = append(tiles, k.tile(t.Name.In(v.Lang), t.Icon, v.Draft.Body.Topic == t.ID, k.act(func() error {
			if err := s.ChooseTopic(t.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("opinion.topic")), grid(2, tiles...))
}

func (k *Kiosk) location(v session.View) fyne.CanvasObject {
	s := k.d.Session
	parts := []fyne.CanvasObject{k.title(k.t("opinion.location")),
		k.big(k.t("opinion.noplace"), false, k.act(func() error {
			if err := s.ChooseLocation("", ""); err != nil {
				return err
			}
			return s.Next()
		}))}
	var streets []fyne.CanvasObject
	for _, st := range k.d.Config.Streets {
		streets = append(streets, k.chip(st.Name, k.street == st.Name, k.act(func() error { k.street, k.building = st.Name, ""; return nil })))
	}
	parts = append(parts, grid(3, streets...))
	if k.street != "" {
		parts = append(parts,
			k.bold(fmt.Sprintf("%s %s: %s", k.street, k.t("opinion.building"), k.building), fyne.TextAlignCenter),
			container.NewCenter(k.digitPad(v.Lang, &k.building, 4, k.Refresh)))
		k.next = k.big(k.t("nav.next"), true, k.act(func() error {
			if err := s.ChooseLocation(k.street, k.buildingName()); err != nil {
				return err
			}
			return s.Next()
		}))
	}
	return container.NewVBox(parts...)
}

// buildingName turns the digits typed into the configured building name
// ("3" → "3栋"), or "" for none.
func (k *Kiosk) buildingName() string {
	if k.building == "" {
		return ""
	}
	for _, st := range k.d.Config.Streets {
		if st.Name != k.street {
			continue
		}
		for _, b := range st.Buildings {
			if digitsOf(b) == k.building {
				return b
			}
		}
		if len(st.Buildings) > 0 {
			return k.building // not listed: the session says so
		}
	}
	return k.building + "栋"
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (k *Kiosk) words(v session.View) fyne.CanvasObject {
	s := k.d.Session
	topic, _ := k.d.Config.Topic(v.Draft.Body.Topic)
	chosen := map[string]bool{}
	for _, p := range v.Draft.Body.Phrases {
		chosen[p] = true
	}
	var chips []fyne.CanvasObject
	for _, p := range topic.Phrases {
		chips = append(chips, k.chip(p.Text.In(v.Lang), chosen[p.ID], k.act(func() error { return s.TogglePhrase(p.ID) })))
	}
	entry := k.text(k.comp.Text() + "｜")
	counter := k.text(fmt.Sprintf("%d/%d", len([]rune(k.comp.Text())), k.d.Config.Session.TextLimit))
	if !k.typing {
		// Preset phrases first; the keyboard opens on demand, so both fit
		// on the screen.
		k.next = k.big(k.t("nav.next"), true, k.act(s.Next))
		return container.NewVBox(k.title(k.t("opinion.words")), grid(2, chips...),
			container.NewBorder(nil, nil, nil, counter, entry),
			k.big(k.t("opinion.write"), false, k.act(func() error { k.typing = true; s.Touch(); return nil })))
	}
	k.next = k.big(k.t("kbd.done"), true, k.act(func() error { k.typing = false; s.Touch(); return nil }))
	onKey := func() {
		k.notice = ""
		if err := s.SetText(k.comp.Text()); err != nil {
			k.notice = kiosk.PlainMessage(err, v.Lang)
		}
		k.Refresh()
	}
	return container.NewVBox(
		k.bold(k.t("opinion.write"), fyne.TextAlignLeading),
		container.NewBorder(nil, nil, nil, counter, entry),
		k.keyboard(v.Lang, &k.comp, &k.kbdMode, onKey),
	)
}

func (k *Kiosk) contact(v session.View) fyne.CanvasObject {
	s := k.d.Session
	k.next = k.big(k.t("nav.next"), true, k.act(func() error {
		if err := s.SetContact("", k.phone, k.consent); err != nil {
			return err
		}
		return s.Next()
	}))
	consent := k.check(k.t("opinion.consent"), k.consent, func(on bool) { k.consent = on; k.d.Session.Touch() })
	return container.NewVBox(
		k.title(k.t("opinion.contact")),
		k.big(k.t("opinion.anon"), false, k.act(func() error { s.ClearContact(); return s.Next() })),
		k.bold(k.t("opinion.phone")+": "+k.phone, fyne.TextAlignCenter),
		container.NewCenter(k.digitPad(v.Lang, &k.phone, 12, func() { k.d.Session.Touch(); k.Refresh() })),
		minSize(consent, 4*MinTarget, MinTarget),
	)
}

func (k *Kiosk) services(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var tiles []fyne.CanvasObject
	for _, t := range k.d.Config.Services {
		tiles = append(tiles, k.tile(t.Name.In(v.Lang), t.Icon, false, k.act(func() error {
			if err := s.ChooseService(t.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("rating.service")), grid(2, tiles...))
}

func (k *Kiosk) ratings(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var faces []fyne.CanvasObject
	for r := 4; r >= 1; r-- {
		faces = append(faces, k.smiley(k.t("rating."+strconv.Itoa(r)), r, k.act(func() error {
			if err := s.ChooseRating(kiosk.Rating(r)); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(k.title(k.t("rating.how")), grid(4, faces...))
}

func (k *Kiosk) reasons(v session.View) fyne.CanvasObject {
	s := k.d.Session
	chosen := map[string]bool{}
	for _, r := range v.Draft.Body.Reasons {
		chosen[r] = true
	}
	var chips []fyne.CanvasObject
	for i, p := range k.d.Config.RatingReasons {
		if i == 6 {
			break
		}
		chips = append(chips, k.chip(p.Text.In(v.Lang), chosen[p.ID], k.act(func() error { return s.ToggleReason(p.ID) })))
	}
	k.next = k.big(k.t("nav.next"), true, k.act(s.Next))
	return container.NewVBox(k.title(k.t("rating.reasons")), grid(2, chips...))
}

func (k *Kiosk) pollList(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var items []fyne.CanvasObject
	if all, err := k.d.Snapshots.Polls(context.Background()); err == nil {
		// Results of polls that have closed, as the hub published them.
		for _, p := range all.Polls {
			if p.Results != nil && !p.Closes.IsZero() && !k.d.Now().Before(p.Closes) {
				items = append(items, k.bold(p.Title.In(v.Lang)+" · "+k.t("vote.results"), fyne.TextAlignLeading))
				for _, o := range p.Options {
					items = append(items, k.text(fmt.Sprintf("%s: %d %s", o.Text.In(v.Lang), p.Results[o.ID], k.t("vote.votes"))))
				}
			}
		}
	}
	for _, p := range k.polls {
		label := p.Title.In(v.Lang)
		if !p.Closes.IsZero() {
			label += "  (" + k.t("vote.closes") + " " + p.Closes.Local().Format("01-02") + ")"
		}
		items = append(items, k.big(label, false, k.act(func() error {
			if err := s.ChoosePoll(p); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	if len(k.polls) == 0 {
		items = append(items, k.text(k.t("vote.none")))
	}
	return container.NewVBox(append([]fyne.CanvasObject{k.title(k.t("vote.polls"))}, items...)...)
}

func (k *Kiosk) options(v session.View) fyne.CanvasObject {
	s := k.d.Session
	parts := []fyne.CanvasObject{k.title(v.Poll.Title.In(v.Lang)), k.text(k.t("vote.option"))}
	for _, o := range v.Poll.Options {
		label := o.Text.In(v.Lang)
		if v.Poll.Results != nil {
			label += fmt.Sprintf("  (%d %s)", v.Poll.Results[o.ID], k.t("vote.votes"))
		}
		parts = append(parts, k.big(label, v.Draft.Body.Option == o.ID, k.act(func() error {
			if err := s.ChooseOption(o.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(parts...)
}

func (k *Kiosk) codeEntry(v session.View) fyne.CanvasObject {
	s := k.d.Session
	shown := k.code
	if len(shown) > 6 {
		shown = shown[:3] + " " + shown[3:6] + " " + shown[6:]
	} else if len(shown) > 3 {
		shown = shown[:3] + " " + shown[3:]
	}
	l := k.label(shown+"｜", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance)
	k.next = k.big(k.t("lookup.find"), true, k.act(func() error { return s.LookUp(context.Background(), k.code) }))
	return container.NewVBox(k.title(k.t("lookup.code")), l,
		container.NewCenter(k.digitPad(v.Lang, &k.code, kiosk.TicketDigits, func() { k.d.Session.Touch(); k.Refresh() })))
}

// statusSteps is the timeline shown for a ticket.
var statusSteps = []kiosk.TicketStatus{kiosk.StatusQueued, kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusReplied, kiosk.StatusClosed}

func (k *Kiosk) result(v session.View) fyne.CanvasObject {
	u := v.Lookup
	parts := []fyne.CanvasObject{k.title(kiosk.FormatTicket(u.Ticket))}
	reached := true
	for _, st := range statusSteps {
		mark := "✓ "
		if !reached {
			mark = "· "
		}
		l := k.text(mark + k.t("lookup."+string(st)))
		if st == u.Status {
			l = k.label(mark+k.t("lookup."+string(st)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.HighImportance)
			reached = false
		}
		parts = append(parts, l)
	}
	if u.Reply != "" {
		parts = append(parts, k.separator(), k.text(k.t("lookup.reply")+k.inLang(u.Reply, u.ReplyEn)))
	}
	return container.NewVBox(parts...)
}

// wallPageSize is how many replies a page of the wall shows.
const wallPageSize = 3

func (k *Kiosk) wall(v session.View) fyne.CanvasObject {
	w, err := k.d.Snapshots.Wall(context.Background())
	if err != nil || len(w.Items) == 0 {
		return container.NewVBox(k.title(k.t("wall.title")), k.text(k.t("wall.empty")))
	}
	pages := (len(w.Items) + wallPageSize - 1) / wallPageSize
	k.wallPage = max(0, min(k.wallPage, pages-1))
	parts := []fyne.CanvasObject{k.title(k.t("wall.title"))}
	for _, it := range w.Items[k.wallPage*wallPageSize : min((k.wallPage+1)*wallPageSize, len(w.Items))] {
		q := k.bold(it.Question, fyne.TextAlignLeading)
		parts = append(parts, q, k.text("→ "+k.inLang(it.Reply, it.ReplyEn)), k.separator())
	}
	prev := k.button(k.t("wall.prev"), k.act(func() error { k.wallPage--; k.d.Session.Touch(); return nil }))
	next := k.button(k.t("wall.next"), k.act(func() error { k.wallPage++; k.d.Session.Touch(); return nil }))
	if k.wallPage == 0 {
		prev.Disable()
	}
	if k.wallPage >= pages-1 {
		next.Disable()
	}
	parts = append(parts, container.NewHBox(minSize(prev, 3*MinTarget, MinTarget+16), spacer(),
		k.text(fmt.Sprintf("%d / %d", k.wallPage+1, pages)), spacer(), minSize(next, 3*MinTarget, MinTarget+16)))
	return container.NewVBox(parts...)
}

// review shows the submission as it will be sent, masked text included.
func (k *Kiosk) review(v session.View) fyne.CanvasObject {
	d := v.Draft.Body
	parts := []fyne.CanvasObject{k.title(k.t("review.title"))}
	line := func(s string) { parts = append(parts, k.text(s)) }
	switch v.Draft.Kind {
	case kiosk.KindOpinion:
		if t, ok := k.d.Config.Topic(d.Topic); ok {
			line(t.Name.In(v.Lang))
			for _, p := range t.Phrases {
				for _, id := range d.Phrases {
					if id == p.ID {
						line("· " + p.Text.In(v.Lang))
					}
				}
			}
		}
		if d.Location != nil {
			line(d.Location.Street + " " + d.Location.Building)
		}
		if d.Text != "" {
			line("“" + d.Text + "”")
		}
		if d.Contact != nil {
			line(k.t("review.contact") + ": " + d.Contact.Phone)
		} else {
			line(k.t("review.anon"))
		}
	case kiosk.KindRating:
		if t, ok := k.d.Config.Service(d.Topic); ok {
			line(t.Name.In(v.Lang))
		}
		line(k.t("rating." + strconv.Itoa(int(d.Rating))))
		for _, p := range k.d.Config.RatingReasons {
			for _, id := range d.Reasons {
				if id == p.ID {
					line("· " + p.Text.In(v.Lang))
				}
			}
		}
	case kiosk.KindVote:
		if v.Poll != nil {
			line(v.Poll.Title.In(v.Lang))
			if o, ok := v.Poll.Option(d.Option); ok {
				line("→ " + o.Text.In(v.Lang))
			}
		}
	}
	k.next = k.big(k.t("review.submit"), true, k.act(func() error { return k.d.Session.Submit(context.Background()) }))
	return container.NewVBox(parts...)
}

// submitted shows the ticket code large, what happens next, and a way out.
func (k *Kiosk) submitted(v session.View) fyne.CanvasObject {
	code := canvas.NewText(kiosk.FormatTicket(v.Ticket), theme.Color(theme.ColorNameForeground))
	code.TextSize, code.TextStyle, code.Alignment = 88, fyne.TextStyle{Bold: true}, fyne.TextAlignCenter
	k.next = k.big(k.t("done.ok"), true, k.act(func() error { k.d.Session.Done(); return nil }))
	return container.NewVBox(k.title(k.t("done.thanks")), k.text(k.t("done.ticket")), code, k.text(k.t("done.next")))
}

// inLang picks the English of a station's text for a resident reading
// English, when the station wrote one.
func (k *Kiosk) inLang(zh, en string) string {
	if k.lang() == "en" && en != "" {
		return en
	}
	return zh
}
