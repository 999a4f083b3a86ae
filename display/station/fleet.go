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

type fleetView struct {
	table   *widget.Table
	rows    [][]string
	details *widget.Label // every alert in full, below the table
}

// fleetHeader is the table's first row.
func (s *App) fleetHeader() []string {
	var h []string
	for _, k := range []string{"fleet.kiosk", "fleet.state", "fleet.alerts", "fleet.seen", "fleet.version", "fleet.outbox",
		"fleet.oldest", "fleet.temp", "fleet.screen", "fleet.config"} {
		h = append(h, s.t(k))
	}
	return h
}

func (s *App) fleetScreen() fyne.CanvasObject {
	v := &s.fleet
	v.rows = [][]string{s.fleetHeader()}
	cols := len(v.rows[0])
	v.table = widget.NewTable(
		func() (int, int) { return len(v.rows), cols },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis // the details are below the table
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(v.rows[id.Row][id.Col])
			l.TextStyle.Bold = id.Row == 0
		})
	widths := []float32{110, 90, 230, 110, 90, 80, 100, 150, 100, 80} // 1,140: the window's width at 1366
	for i, w := range widths {
		v.table.SetColumnWidth(i, w)
	}
	v.details = widget.NewLabel("")
	v.details.Wrapping = fyne.TextWrapWord
	return container.NewVSplit(v.table, container.NewVScroll(v.details))
}

// refreshFleet reloads the kiosks with their telemetry and alerts.
func (s *App) refreshFleet() {
	v := &s.fleet
	if v.table == nil {
		return
	}
	ks, err := s.d.Desk.Fleet(s.ctx, s.me)
	if s.fail(s.t("what.fleet"), err) {
		return
	}
	now := s.d.Now()
	rows := [][]string{s.fleetHeader()}
	var details []string
	for i := range ks {
		rows = append(rows, s.fleetRow(&ks[i], now))
		for _, a := range ks[i].Alerts {
			details = append(details, s.tf("fleet.alert", ks[i].ID, s.alertText(a)))
		}
	}
	v.rows = rows
	if len(details) == 0 {
		details = []string{s.t("fleet.noalerts")}
	}
	v.details.SetText(s.t("fleet.alerts") + "\n" + strings.Join(details, "\n"))
	v.table.Refresh()
}

// fleetRow is one kiosk's row of the table.
func (s *App) fleetRow(k *hub.KioskView, now time.Time) []string {
	t := &k.Telemetry
	temp := "—"
	if c := t.Counters["cpu_temp_mc"]; c > 0 {
		temp = fmt.Sprintf("CPU %.0f°", float64(c)/1000)
	}
	if t.TempC != nil {
		temp += " " + s.tf("fleet.box", *t.TempC)
	}
	alerts := "—"
	if len(k.Alerts) > 0 { // the most serious; every one in full below the table
		key := "short." + k.Alerts[0].Code
		alerts = s.t(key)
		if n := len(k.Alerts) - 1; n > 0 {
			alerts = s.tf("fleet.more", alerts, n)
		}
	}
	seen := "—"
	if !k.LastSeen.IsZero() {
		seen = s.ago(k.LastSeen, now)
	}
	oldest := "—"
	if t.OldestPendingS > 0 {
		oldest = s.dur(time.Duration(t.OldestPendingS) * time.Second)
	}
	return []string{k.ID, s.kioskState(k.State), alerts, seen, k.Version, fmt.Sprint(t.OutboxPending + t.OutboxInflight),
		oldest, temp, s.screenState(t.Screen), fmt.Sprint(t.ConfigVersion)}
}

// kioskState is a kiosk's state in the app's language.
func (s *App) kioskState(state string) string {
	key := "kstate." + state
	if v := s.t(key); v != key {
		return v
	}
	return state
}

// screenState is the kiosk's screen (on, dim, off) in the app's language.
func (s *App) screenState(state string) string {
	if state == "" {
		return "—"
	}
	key := "screen." + state
	if v := s.t(key); v != key {
		return v
	}
	return state
}

// alertText words an alert in the app's language from its code and values
// (a code the catalog lacks shows its English detail).
func (s *App) alertText(a hub.Alert) string {
	key := "alert." + a.Code
	if s.t(key) == key {
		return a.Detail
	}
	args := make([]any, len(a.Args))
	for i, v := range a.Args {
		switch x := v.(type) {
		case time.Duration:
			args[i] = s.dur(x)
		case string:
			args[i] = s.kioskState(x)
		default:
			args[i] = x
		}
	}
	return s.tf(key, args...)
}
