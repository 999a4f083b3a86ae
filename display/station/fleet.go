package station

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

type fleetView struct {
	table   *widget.Table
	rows    [][]string
	details *widget.Label // every alert in full, below the table
}

var fleetHeader = []string{"设备 kiosk", "状态 state", "提醒 alerts", "最后联系 last seen", "版本 version", "待发 outbox",
	"最久待发 oldest", "温度 temp", "屏幕 screen", "配置 config"}

func (s *App) fleetScreen() fyne.CanvasObject {
	v := &s.fleet
	v.rows = [][]string{fleetHeader}
	v.table = widget.NewTable(
		func() (int, int) { return len(v.rows), len(fleetHeader) },
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
	widths := []float32{110, 90, 340, 230, 100, 100, 130, 130, 100, 100}
	for i, w := range widths {
		v.table.SetColumnWidth(i, w)
	}
	v.details = widget.NewLabel("")
	v.details.Wrapping = fyne.TextWrapWord
	return container.NewVSplit(v.table, container.NewVScroll(v.details))
}

// FleetRows returns the fleet table as text (tests, smoke).
func (s *App) FleetRows() [][]string { return s.fleet.rows }

// refreshFleet reloads the kiosks with their telemetry and alerts.
func (s *App) refreshFleet() {
	v := &s.fleet
	if v.table == nil {
		return
	}
	ks, err := s.d.Store.Kiosks(s.ctx)
	if s.fail("设备 Fleet", err) {
		return
	}
	now := s.d.Now()
	rows := [][]string{fleetHeader}
	var details []string
	for _, k := range ks {
		var t kiosk.Telemetry
		if len(k.Telemetry) > 0 {
			_ = json.Unmarshal(k.Telemetry, &t) // unreadable telemetry shows as an alert
		}
		temp := "—"
		if c := t.Counters["cpu_temp_mc"]; c > 0 {
			temp = fmt.Sprintf("CPU %.0f°", float64(c)/1000)
		}
		if t.TempC != nil {
			temp += fmt.Sprintf(" 箱 %.0f°", *t.TempC)
		}
		var alerts []string
		for _, a := range hub.Alerts(k, now) {
			alerts = append(alerts, a.Code)
			details = append(details, fmt.Sprintf("%s · %s：%s", k.ID, a.Code, a.Detail))
		}
		seen := "—"
		if !k.LastSeen.IsZero() {
			seen = fmtTime(k.LastSeen) + fmt.Sprintf(" (%s)", now.Sub(k.LastSeen).Round(time.Minute))
		}
		oldest := "—"
		if t.OldestPendingS > 0 {
			oldest = (time.Duration(t.OldestPendingS) * time.Second).String()
		}
		rows = append(rows, []string{k.ID, k.State, strings.Join(alerts, ", "), seen, k.Version, fmt.Sprint(t.OutboxPending + t.OutboxInflight),
			oldest, temp, t.Screen, fmt.Sprint(t.ConfigVersion)})
	}
	v.rows = rows
	if len(details) == 0 {
		details = []string{"没有提醒 No alerts"}
	}
	v.details.SetText("提醒 Alerts\n" + strings.Join(details, "\n"))
	v.table.Refresh()
}
