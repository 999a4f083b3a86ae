package station

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Deps is what the station's review app works on. The screens reach the
// station's data only through Desk.
type Deps struct {
	Desk Desk
	// Checklist is the station's 三事分流 checklist (the service's, for
	// a client).
	Checklist *hub.Checklist
	Catalog   *hub.Catalog
	Now       func() time.Time
	// Lang is the language of the screens: LangZh (the default) or LangEn.
	Lang Lang
	// Charts draws the statistics against the targets, in the app's
	// language; nil hides them.
	Charts func(st hub.Stats, targets hub.Targets) ([]hub.Chart, error)
	// Report writes the monthly report of the month starting at month
	// into dir, as the worker me may see it, and returns the files'
	// paths; nil hides its button.
	Report func(ctx context.Context, me hub.Worker, month time.Time, dir string) ([]string, error)
	// Ledger writes the work ledger (工作台账) of the filtered cases, as
	// the worker me may see them, as "csv" or "xlsx" and returns how many
	// rows it wrote.
	Ledger func(ctx context.Context, me hub.Worker, w io.Writer, format string, f hub.Filter) (int, error)
	// ItemsList writes the community's deliberation list as "csv" or
	// "xlsx" and returns how many rows it wrote; nil leaves it out.
	ItemsList func(w io.Writer, format string, items []hub.Item) (int, error)
	// ExportDir is where exports and chart PNGs are saved.
	ExportDir string
	// Voice plays voice cases' recordings; nil: this PC plays none.
	Voice VoicePlayer
	// VoicePack records, signs and sends the booths' voice pack (the
	// 语音包 tab, for leads); nil hides it.
	VoicePack *VoicePack
}

// Tab names one of the main screen's tabs.
type Tab int

// The tabs, in the order they are shown.
const (
	TabInbox Tab = iota
	TabPolls
	TabStats
	TabFleet
	TabItems
	TabVoicePack // leads only, where Deps.VoicePack is set
)

// App is the review app at the community station: log in, inbox and
// case detail (triage, assignment, replies, the wall), polls, statistics
// and the fleet. Its methods run on the Fyne thread.
type App struct {
	win fyne.Window
	d   Deps
	ctx context.Context

	me        hub.Worker
	workers   []hub.Worker
	templates []string      // the reply templates (常用语)
	targets   hub.Targets   // the targets per class, for the overdue chips
	status    *widget.Label // the message line at the bottom
	lasting   string        // said again at each tab: what failed to load at log-in (the targets, the reply templates), which no tab reloads
	tabs      *container.AppTabs
	tab       map[Tab]*container.TabItem

	inbox inboxView
	poll  pollsView
	stats statsView
	tgt   targetsView
	fleet fleetView
	items itemsView
	refs  referralsView
	login loginView
	form  caseForm
	voice voiceView
	vp    voicePackView
}

// New shows the log-in screen in win.
func New(win fyne.Window, d Deps) *App {
	if d.Now == nil {
		d.Now = time.Now
	}
	if hd, ok := d.Desk.(*hub.Desk); ok && d.Checklist == nil {
		d.Checklist = hd.Checklist
	}
	if _, ok := catalog[d.Lang]; !ok {
		d.Lang = LangZh
	}
	s := &App{win: win, d: d, ctx: context.Background(), status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.showLogin()
	return s
}

// say shows a message on the status line.
func (s *App) say(format string, args ...any) { s.status.SetText(fmt.Sprintf(format, args...)) }

// fail shows what went wrong doing what, if err is not nil: a role's
// refusal as such, anything else with its text.
func (s *App) fail(what string, err error) bool {
	if err == nil {
		return false
	}
	r, ok := hub.ReasonOf(err)
	switch {
	case ok: // the domain's message is English; its reason, worded here
		s.say("%s", s.tf("fail", what, s.reason(r)))
	case kiosk.ErrorCode(err) == kiosk.EFORBIDDEN: // the role says it
		s.say("%s", s.tf("forbidden", what, s.roleName(s.me.Role)))
	case kiosk.ErrorCode(err) == kiosk.EUNAUTHORIZED && s.tabs != nil:
		// The session ended under the worker (the service restarted, or
		// it expired): back to the log-in, saying so.
		s.logout()
		s.say("%s", s.tf("session.ended", what))
	case kiosk.ErrorCode(err) == kiosk.EUNAUTHORIZED:
		s.say("%s", s.tf("unauthorized", what))
	default: // not the worker's doing (a failing disk): the text for whoever looks into it
		s.say("%s", s.tf("fail.other", what, err.Error()))
	}
	return true
}

func (s *App) showMain() {
	ok := s.loadTemplates()
	if t, err := s.d.Desk.Targets(s.ctx, s.me); s.fail(s.t("what.stats"), err) {
		ok = false
	} else {
		s.targets = t
	}
	if !ok {
		s.lasting = s.status.Text
	}
	s.tab = map[Tab]*container.TabItem{
		TabInbox: container.NewTabItem(s.t("tab.inbox"), s.inboxScreen()),
		TabPolls: container.NewTabItem(s.t("tab.polls"), s.pollsScreen()),
		TabStats: container.NewTabItem(s.t("tab.stats"), s.statsScreen()),
		TabFleet: container.NewTabItem(s.t("tab.fleet"), s.fleetScreen()),
		TabItems: container.NewTabItem(s.t("tab.items"), s.itemsScreen()),
	}
	s.tabs = container.NewAppTabs(s.tab[TabInbox], s.tab[TabItems], s.tab[TabPolls], s.tab[TabStats], s.tab[TabFleet])
	if s.d.VoicePack != nil && s.me.MaySendVoicePack() == nil {
		s.tab[TabVoicePack] = container.NewTabItem(s.t("tab.voicepack"), s.voicePackScreen())
		s.tabs.Append(s.tab[TabVoicePack])
	}
	s.tabs.OnSelected = func(t *container.TabItem) {
		// The status line speaks of what was done on the tab left: clear
		// it, so that it says only what this tab's loading says (and what
		// failed at log-in, which nothing loads again).
		s.say("%s", s.lasting)
		s.refresh(s.tabOf(t))
	}
	who := widget.NewLabelWithStyle(s.tf("who", s.me.Name, s.roleName(s.me.Role)), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle(s.t("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(who, widget.NewButton(s.t("logout"), s.logout)))
	s.win.SetContent(container.NewBorder(top, s.status, nil, nil, s.tabs))
	s.addShortcuts()
	s.refreshInbox()
}

// tabOf returns which tab an item of the main screen is.
func (s *App) tabOf(t *container.TabItem) Tab {
	for tab, it := range s.tab {
		if it == t {
			return tab
		}
	}
	return TabInbox
}

// refresh reloads what a tab shows.
func (s *App) refresh(t Tab) {
	switch t {
	case TabPolls:
		s.refreshPolls()
	case TabStats:
		s.refreshStats()
	case TabFleet:
		s.refreshFleet()
	case TabItems:
		s.refreshItems()
	case TabVoicePack:
		s.refreshVoicePack()
	default:
		s.refreshInbox()
	}
}

// Show brings a tab of the main screen to the front, reloaded; before
// anyone logs in it does nothing.
func (s *App) Show(t Tab) {
	if it, ok := s.tab[t]; ok && s.tabs != nil {
		s.tabs.Select(it)
	}
}

func (s *App) logout() {
	if lo, ok := s.d.Desk.(loggerOut); ok && s.me.ID != "" {
		_ = lo.Logout(s.ctx, s.me) // a session the service cannot end now expires on its own
	}
	s.me = hub.Worker{}
	s.inbox = inboxView{}
	s.tabs, s.tab = nil, nil
	s.lasting = ""
	s.showLogin()
}

func (s *App) roleName(r hub.Role) string {
	switch r {
	case hub.RoleLead:
		return s.t("role.lead")
	case hub.RoleWorker:
		return s.t("role.worker")
	case hub.RoleVolunteer:
		return s.t("role.volunt")
	}
	return string(r)
}

// Me returns the worker logged in (the zero Worker before anyone is).
func (s *App) Me() hub.Worker { return s.me }

// workerName returns a worker's name from their id.
func (s *App) workerName(id string) string {
	for _, w := range s.workers {
		if w.ID == id {
			return w.Name
		}
	}
	return id
}

func (s *App) loadWorkers() {
	ws, err := s.d.Desk.Roster(s.ctx)
	if !s.fail(s.t("what.workers"), err) {
		s.workers = ws
	}
}

// fmtTime shows a time in the station's zone.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// Tick refreshes what changes on its own, when it is shown: the inbox
// (new submissions; the open case stays open) and the fleet. Call it every
// few seconds on the Fyne thread.
func (s *App) Tick() {
	if s.tabs == nil || s.tabs.Selected() == nil {
		return
	}
	switch s.tabs.Selected() {
	case s.tab[TabInbox]:
		s.refreshInbox()
	case s.tab[TabFleet]:
		s.refreshFleet()
	case s.tab[TabVoicePack]:
		s.showBooths()
	}
}
