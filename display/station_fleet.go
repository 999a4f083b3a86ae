package display

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

type fleetView struct {
	table *widget.Table
	rows  [][]string
}

var fleetHeader = []string{"设备 kiosk", "状态 state", "最后联系 last seen", "版本 version", "待发 outbox", "最久待发 oldest",
	"温度 temp", "屏幕 screen", "配置 config", "提醒 alerts"}

func (s *Station) fleetScreen() fyne.CanvasObject {
	v := &s.fleet
	v.rows = [][]string{fleetHeader}
	v.table = widget.NewTable(
		func() (int, int) { return len(v.rows), len(fleetHeader) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(v.rows[id.Row][id.Col])
			l.TextStyle.Bold = id.Row == 0
		})
	widths := []float32{110, 90, 140, 90, 70, 90, 90, 80, 110, 420}
	for i, w := range widths {
		v.table.SetColumnWidth(i, w)
	}
	return v.table
}

// FleetRows returns the fleet table as text (tests, smoke).
func (s *Station) FleetRows() [][]string { return s.fleet.rows }

// refreshFleet reloads the kiosks with their telemetry and alerts.
func (s *Station) refreshFleet() {
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
			alerts = append(alerts, a.Code+": "+a.Detail)
		}
		seen := "—"
		if !k.LastSeen.IsZero() {
			seen = fmtTime(k.LastSeen) + fmt.Sprintf(" (%s)", now.Sub(k.LastSeen).Round(time.Minute))
		}
		rows = append(rows, []string{k.ID, k.State, seen, k.Version, fmt.Sprint(t.OutboxPending + t.OutboxInflight),
			(time.Duration(t.OldestPendingS) * time.Second).String(), temp, t.Screen, fmt.Sprint(t.ConfigVersion), strings.Join(alerts, "；")})
	}
	v.rows = rows
	v.table.Refresh()
}
