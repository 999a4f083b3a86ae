package hub_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestAlerts(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tele := func(f func(*kiosk.Telemetry)) json.RawMessage {
		v := kiosk.Telemetry{ClockSynced: true, DiskFreeBytes: 8 << 30, Counters: map[string]int64{}}
		f(&v)
		b, _ := json.Marshal(v)
		return b
	}
	healthy := hub.Kiosk{ID: "wall-01", State: "online", StateAt: now.Add(-time.Hour), LastSeen: now.Add(-time.Minute),
		Telemetry: tele(func(*kiosk.Telemetry) {})}
	cases := []struct {
		name string
		edit func(*hub.Kiosk)
		want []string
	}{
		{"healthy", func(*hub.Kiosk) {}, nil},
		{"lost a moment ago", func(k *hub.Kiosk) { k.State, k.StateAt = "lost", now.Add(-9*time.Minute) }, nil},
		{"lost over ten minutes", func(k *hub.Kiosk) { k.State, k.StateAt = "lost", now.Add(-11*time.Minute) }, []string{"lost"}},
		{"lost for hours", func(k *hub.Kiosk) { k.State, k.StateAt = "lost", now.Add(-3*time.Hour) }, []string{"offline"}},
		{"offline a moment", func(k *hub.Kiosk) { k.State, k.StateAt = "offline", now.Add(-time.Minute) }, nil},
		{"silent", func(k *hub.Kiosk) { k.LastSeen = now.Add(-6 * time.Minute) }, []string{"silent"}},
		{"gaps", func(k *hub.Kiosk) { k.Gaps = []int64{4, 9} }, []string{"gaps"}},
		{"store trouble", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.ReadOnly, v.Unavailable, v.DiskFreeBytes = "card read-only", 3, 50<<20 })
		}, []string{"read_only", "refused", "disk_low"}},
		{"refusals over the threshold", func(k *hub.Kiosk) { k.RefusedLastHour = hub.AlertRefusedPerHour }, []string{"hub_refused"}},
		{"a few refusals", func(k *hub.Kiosk) { k.RefusedLastHour = 2 }, nil},
		{"over the quota", func(k *hub.Kiosk) { k.SubmissionsLastHour = hub.AlertQuotaPerHour + 1 }, []string{"quota"}},
		{"a busy hour", func(k *hub.Kiosk) { k.SubmissionsLastHour = 60 }, nil},
		{"a full card", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.DiskFreeBytes = 0 })
		}, []string{"disk_low"}},
		{"free space unknown", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.DiskFreeBytes = -1 })
		}, nil},
		{"backlog", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.OldestPendingS, v.OutboxPending = 3600, 40 })
		}, []string{"backlog"}},
		{"short backlog", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.OldestPendingS, v.OutboxPending = 60, 2 })
		}, nil},
		{"config, hardware, sensors, heat, clock", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) {
				v.ConfigError, v.Hardware, v.ClockSynced = "kiosk.number: out of range", "none (periph failed)", false
				v.Counters["sensor_errors"], v.Counters["cpu_temp_mc"] = 2, 83_500
			})
		}, []string{"config_refused", "hardware", "sensors", "hot", "clock"}},
		{"outbox growing", func(k *hub.Kiosk) { k.OutboxRising = 5 }, []string{"outbox_growing"}},
		{"outbox grew a little", func(k *hub.Kiosk) { k.OutboxRising = 4 }, nil},
		{"enclosure hot", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { c := 61.5; v.TempC = &c })
		}, []string{"enclosure_hot"}},
		{"enclosure warm", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { c := 45.0; v.TempC = &c })
		}, nil},
		{"printer out of paper", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.Printer = kiosk.PrinterPaperOut })
		}, []string{"printer_paper"}},
		{"printer offline", func(k *hub.Kiosk) {
			k.Telemetry = tele(func(v *kiosk.Telemetry) { v.Printer = kiosk.PrinterOffline })
		}, []string{"printer_offline"}},
		{"printer fine", func(k *hub.Kiosk) { k.Telemetry = tele(func(v *kiosk.Telemetry) { v.Printer = kiosk.PrinterOK }) }, nil},
		{"unreadable telemetry", func(k *hub.Kiosk) { k.Telemetry = json.RawMessage(`{"disk_free_bytes":"x"}`) }, []string{"telemetry"}},
	}
	for _, c := range cases {
		k := healthy
		c.edit(&k)
		var got []string
		for _, a := range hub.Alerts(k, now) {
			if a.Detail == "" {
				t.Errorf("%s: alert %s without detail", c.name, a.Code)
			}
			if !slices.Contains(hub.AlertCodes, a.Code) {
				t.Errorf("%s: alert %s is not among AlertCodes (screens word alerts by them)", c.name, a.Code)
			}
			if strings.Count(a.Detail, "%!") > 0 || len(a.Args) == 0 && strings.ContainsAny(a.Detail, "0123456789") {
				t.Errorf("%s: alert %s detail %q without its values", c.name, a.Code, a.Detail)
			}
			got = append(got, a.Code)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: alerts %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOutboxRising(t *testing.T) {
	tele := func(n int) json.RawMessage {
		b, _ := json.Marshal(kiosk.Telemetry{OutboxPending: n})
		return b
	}
	r := 0
	for _, n := range []int{3, 5, 9, 12} {
		r = hub.OutboxRising(tele(n-1), tele(n), r)
	}
	if r != 4 {
		t.Errorf("rising %d after four longer reports", r)
	}
	if r = hub.OutboxRising(tele(12), tele(12), r); r != 0 {
		t.Errorf("rising %d after a steady report", r)
	}
	if r = hub.OutboxRising(nil, tele(3), 7); r != 0 {
		t.Errorf("rising %d without a previous report", r)
	}
}

func TestVoiceStalledAlert(t *testing.T) {
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	k := hub.Kiosk{ID: "booth-01", State: "online", StateAt: now, LastSeen: now, VoiceStalled: 2}
	var found bool
	for _, a := range hub.Alerts(k, now) {
		if a.Code == "voice_stalled" {
			found = true
			if !strings.Contains(a.Detail, "2 voice messages") {
				t.Errorf("detail %q", a.Detail)
			}
		}
	}
	if !found {
		t.Errorf("no voice_stalled alert for %+v", k)
	}
}

// TestAlertArgsCrossJSON: an alert's values keep their types through JSON
// (the station's review app gets its fleet over the desk socket and words
// each alert from its Code and Args; with the Args left out of the JSON it
// showed "%!s(MISSING)" in every alert).
func TestAlertArgsCrossJSON(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	hot := 63.5
	tel, _ := json.Marshal(kiosk.Telemetry{OutboxPending: 130, OutboxInflight: 5, OldestPendingS: 3600,
		TempC: &hot, DiskFreeBytes: 100 << 20, Unavailable: 3, ReadOnly: "disk full"})
	k := hub.Kiosk{ID: "booth-04", State: "lost", StateAt: now.Add(-20 * time.Minute), Gaps: []int64{7}, Telemetry: tel}
	alerts := hub.Alerts(k, now)
	kinds := map[string]bool{}
	for _, a := range alerts {
		for _, v := range a.Args {
			kinds[fmt.Sprintf("%T", v)] = true
		}
	}
	for _, want := range []string{"time.Duration", "int", "int64", "float64", "string"} {
		if !kinds[want] {
			t.Fatalf("no alert with a %s among %+v", want, alerts)
		}
	}
	b, err := json.Marshal(alerts)
	if err != nil {
		t.Fatal(err)
	}
	var back []hub.Alert
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i, a := range alerts {
		want := slices.Clone(a.Args)
		for j, v := range want {
			if n, ok := v.(int64); ok {
				want[j] = int(n) // an int64 comes back an int
			}
		}
		if back[i].Code != a.Code || back[i].Detail != a.Detail || !reflect.DeepEqual(back[i].Args, want) {
			t.Errorf("%s: %#v came back %#v", a.Code, a.Args, back[i].Args)
		}
	}
	if err := json.Unmarshal([]byte(`[{"code":"lost","detail":"x","args":[{}]}]`), &back); err == nil {
		t.Error("an argument of no known type was taken")
	}
}
