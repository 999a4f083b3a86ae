package station

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/internal/assets"
)

// Deps is what the station's review app works on.
type Deps struct {
	Desk    *hub.Desk
	Store   hub.StationStore
	Catalog *hub.Catalog
	Now     func() time.Time
	// Charts draws the statistics; nil hides them.
	Charts func(st hub.Stats) ([]hub.Chart, error)
	// Ledger writes the work ledger (工作台账) of the filtered cases as
	// "csv" or "xlsx" and returns how many rows it wrote.
	Ledger func(ctx context.Context, w io.Writer, format string, f hub.Filter) (int, error)
	// ExportDir is where exports and chart PNGs are saved.
	ExportDir string
}

// App is the review app at the community station: log in, inbox and
// case detail (triage, assignment, replies, the wall), polls, statistics
// and the fleet. Its methods run on the Fyne thread.
type App struct {
	win fyne.Window
	d   Deps
	ctx context.Context

	me      hub.Worker
	workers []hub.Worker
	status  *widget.Label // the message line at the bottom
	tabs    *container.AppTabs

	inbox inboxView
	poll  pollsView
	stats statsView
	fleet fleetView
	login loginView
	form  caseForm
}

// New shows the log-in screen in win.
func New(win fyne.Window, d Deps) *App {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &App{win: win, d: d, ctx: context.Background(), status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.showLogin()
	return s
}

// Theme is the station's desktop look: Fyne's default sizes for a
// keyboard and mouse, with the bundled Chinese font.
type Theme struct{}

var _ fyne.Theme = Theme{}

// Font returns the bundled font.
func (Theme) Font(s fyne.TextStyle) fyne.Resource { return assetFont(s) }

// Size returns Fyne's default sizes, text a little larger for Chinese.
func (Theme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 15
	}
	return theme.DefaultTheme().Size(n)
}

// Color returns the light default palette.
func (Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Icon returns Fyne's icons.
func (Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// say shows a message on the status line; an error shows its plain text.
func (s *App) say(format string, args ...any) { s.status.SetText(fmt.Sprintf(format, args...)) }

func (s *App) fail(what string, err error) bool {
	if err == nil {
		return false
	}
	s.say("%s：%s", what, err.Error())
	return true
}

func (s *App) showMain() {
	s.tabs = container.NewAppTabs(
		container.NewTabItem("收件箱 Inbox", s.inboxScreen()),
		container.NewTabItem("投票 Polls", s.pollsScreen()),
		container.NewTabItem("统计 Statistics", s.statsScreen()),
		container.NewTabItem("设备 Fleet", s.fleetScreen()),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		switch t.Text {
		case "投票 Polls":
			s.refreshPolls()
		case "统计 Statistics":
			s.refreshStats()
		case "设备 Fleet":
			s.refreshFleet()
		default:
			s.refreshInbox()
		}
	}
	who := widget.NewLabelWithStyle(fmt.Sprintf("%s（%s）", s.me.Name, roleName(s.me.Role)), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle("意见墙 · 社区工作站", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(who, widget.NewButton("退出 Log out", s.logout)))
	s.win.SetContent(container.NewBorder(top, s.status, nil, nil, s.tabs))
	s.refreshInbox()
}

// SelectTab shows the tab whose title starts with name (tests, smoke).
func (s *App) SelectTab(name string) {
	for i, t := range s.tabs.Items {
		if len(t.Text) >= len(name) && t.Text[:len(name)] == name {
			s.tabs.SelectIndex(i)
			return
		}
	}
}

func (s *App) logout() {
	s.me = hub.Worker{}
	s.inbox = inboxView{}
	s.showLogin()
}

func roleName(r hub.Role) string {
	switch r {
	case hub.RoleLead:
		return "站长"
	case hub.RoleWorker:
		return "社工/网格员"
	case hub.RoleVolunteer:
		return "志愿者"
	}
	return string(r)
}

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
	ws, err := s.d.Store.Workers(s.ctx)
	if !s.fail("工作人员 workers", err) {
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
	switch s.tabs.Selected().Text {
	case "收件箱 Inbox":
		s.refreshInbox()
	case "设备 Fleet":
		s.refreshFleet()
	}
}

// The bundled font (internal/assets): Fyne cannot load the system's .ttc
// collections.
var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular-GB2312.otf", assets.Regular)
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold-GB2312.otf", assets.Bold)
)

func assetFont(s fyne.TextStyle) fyne.Resource {
	if s.Bold {
		return fontBold
	}
	return fontRegular
}
