package hub

import (
	"encoding/json"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// Alert is something about a kiosk a maintainer should look at.
type Alert struct {
	Code   string `json:"code"`   // stable, for scripts: see docs/OPERATIONS.md, "Alerts"
	Detail string `json:"detail"` // in English, for logs and scripts
	// Args are the values Detail is made of, in order (time.Duration,
	// int, int64, float64 or string), for screens that word the alert
	// in their own language from its Code. In JSON they are "args", each
	// an Arg (its kind and value), so that a screen across the desk
	// socket words it as one in the service's process does.
	Args []any `json:"-"`
}

// alertJSON is an Alert as JSON: its Args with their types.
type alertJSON struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
	Args   []Arg  `json:"args"` // [] for none
}

// MarshalJSON writes the alert with its Args typed.
func (a Alert) MarshalJSON() ([]byte, error) {
	out := alertJSON{Code: a.Code, Detail: a.Detail, Args: []Arg{}}
	for _, v := range a.Args {
		out.Args = append(out.Args, EncodeArg(v))
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads an alert written by MarshalJSON (or without args).
func (a *Alert) UnmarshalJSON(b []byte) error {
	var in alertJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*a = Alert{Code: in.Code, Detail: in.Detail}
	for i, x := range in.Args {
		v, ok := DecodeArg(x)
		if !ok {
			return fmt.Errorf("alert %s: argument %d has no value of a known kind (%q)", in.Code, i+1, x.Kind)
		}
		a.Args = append(a.Args, v)
	}
	return nil
}

// Thresholds of the alerts.
const (
	AlertSilentAfter    = 5 * time.Minute  // online, yet nothing heard (telemetry comes every minute)
	AlertOfflineAfter   = time.Hour        // offline or lost this long
	AlertBacklogAfter   = 30 * time.Minute // the oldest undelivered submission is this old
	AlertDiskFreeBelow  = 200 << 20        // bytes free on the kiosk's card
	AlertHotCPUAbove    = 80_000           // CPU temperature, milli-°C
	AlertLostAfter      = 10 * time.Minute // lost (no goodbye) this long
	AlertEnclosureAbove = 60.0             // enclosure temperature, °C
	AlertRisingReports  = 5                // telemetry reports in a row with a longer outbox
	AlertRefusedPerHour = 20               // submissions the hub refused from one kiosk in an hour
	AlertQuotaPerHour   = 120              // submissions from one kiosk in an hour: a quota no resident queue reaches
)

// AlertCodes are every code Alerts gives, for screens that word them.
var AlertCodes = []string{"offline", "lost", "silent", "gaps", "telemetry", "read_only", "refused", "disk_low", "backlog",
	"outbox_growing", "config_refused", "hardware", "sensors", "hot", "enclosure_hot", "clock",
	"printer_paper", "printer_offline", "hub_refused", "quota", "voice_stalled", RefusedStoreReset, RefusedTicketNumber}

// Alerts returns what needs a maintainer's eye about k at now, most
// serious first. A kiosk with nothing to say returns none.
func Alerts(k Kiosk, now time.Time) []Alert {
	var out []Alert
	add := func(code, format string, args ...any) {
		out = append(out, Alert{Code: code, Detail: fmt.Sprintf(format, args...), Args: args})
	}
	since := func(t time.Time) time.Duration { return now.Sub(t).Round(time.Minute) }
	switch {
	case (k.State == "lost" || k.State == "offline") && !k.StateAt.IsZero() && now.Sub(k.StateAt) >= AlertOfflineAfter:
		add("offline", "%s for %s", k.State, since(k.StateAt))
	case k.State == "lost" && (k.StateAt.IsZero() || now.Sub(k.StateAt) >= AlertLostAfter):
		add("lost", "dropped off without saying goodbye %s ago (power or network)", since(k.StateAt))
	case k.State == "online" && !k.LastSeen.IsZero() && now.Sub(k.LastSeen) >= AlertSilentAfter:
		add("silent", "online, but nothing heard for %s", since(k.LastSeen))
	}
	if k.RefusedLastHour >= AlertRefusedPerHour {
		add("hub_refused", "the hub refused %d submissions from this kiosk in the last hour (a broken or stolen kiosk?)", k.RefusedLastHour)
	}
	if k.SubmissionsLastHour > AlertQuotaPerHour {
		add("quota", "%d submissions in the last hour, over the quota of %d (a flood from a stolen password?)", k.SubmissionsLastHour, AlertQuotaPerHour)
	}
	if k.VoiceStalled > 0 {
		add("voice_stalled", "%d voice messages have not arrived whole, nothing heard of them for over %s", k.VoiceStalled, VoiceStalledAfter)
	}
	for _, f := range k.Flags {
		if now.Sub(f.At) < AlertFlagFor {
			add(f.Code, "%d refused, the last %s ago: %s", f.Count, since(f.At), f.Detail)
		}
	}
	if len(k.Gaps) > 0 {
		add("gaps", "%d submissions never received (first seq %d)", len(k.Gaps), k.Gaps[0])
	}
	if len(k.Telemetry) == 0 {
		return out
	}
	var t kiosk.Telemetry
	if err := json.Unmarshal(k.Telemetry, &t); err != nil {
		add("telemetry", "unreadable telemetry: %s", err.Error())
		return out
	}
	telemetryAlerts(k, t, add)
	return out
}

// telemetryAlerts adds the alerts a kiosk's last telemetry report raises.
func telemetryAlerts(k Kiosk, t kiosk.Telemetry, add func(code, format string, args ...any)) {
	if t.ReadOnly != "" {
		add("read_only", "store read-only, new submissions refused: %s", t.ReadOnly)
	}
	if t.Unavailable > 0 {
		add("refused", "%d submissions refused (disk full or read-only)", t.Unavailable)
	}
	// 0 is a full card; -1 (a kiosk that could not measure) says nothing.
	if t.DiskFreeBytes >= 0 && t.DiskFreeBytes < AlertDiskFreeBelow {
		add("disk_low", "%d MiB free on the card", t.DiskFreeBytes>>20)
	}
	if time.Duration(t.OldestPendingS)*time.Second >= AlertBacklogAfter {
		add("backlog", "%d submissions waiting, the oldest for %s", t.OutboxPending+t.OutboxInflight,
			(time.Duration(t.OldestPendingS) * time.Second).Round(time.Minute))
	}
	if k.OutboxRising >= AlertRisingReports {
		add("outbox_growing", "the outbox grew in %d reports in a row, now %d waiting", k.OutboxRising, t.OutboxPending+t.OutboxInflight)
	}
	if t.ConfigError != "" {
		add("config_refused", "the pushed configuration was refused: %s", t.ConfigError)
	}
	if len(t.Hardware) >= 4 && t.Hardware[:4] == "none" {
		add("hardware", "buttons and sensors failed, running by touch only: %s", t.Hardware)
	}
	switch t.Printer {
	case kiosk.PrinterPaperOut:
		add("printer_paper", "the receipt printer is out of paper")
	case kiosk.PrinterOffline:
		add("printer_offline", "the receipt printer does not answer (unplugged, off or jammed)")
	}
	if n := t.Counters["sensor_errors"]; n > 0 {
		add("sensors", "%d sensor readings failed", n)
	}
	if c := t.Counters["cpu_temp_mc"]; c > AlertHotCPUAbove {
		add("hot", "CPU at %.1f °C", float64(c)/1000)
	}
	if t.TempC != nil && *t.TempC > AlertEnclosureAbove {
		add("enclosure_hot", "enclosure at %.1f °C", *t.TempC)
	}
	if !t.ClockSynced {
		add("clock", "clock not synchronised (NTP)")
	}
}

// OutboxRising returns the count of telemetry reports in a row with a
// longer outbox, after the report next following the report prev (either
// may be empty or unreadable: the count starts again).
func OutboxRising(prev, next json.RawMessage, rising int) int {
	var a, b kiosk.Telemetry
	if len(prev) == 0 || json.Unmarshal(prev, &a) != nil || json.Unmarshal(next, &b) != nil {
		return 0
	}
	if b.OutboxPending+b.OutboxInflight > a.OutboxPending+a.OutboxInflight {
		return rising + 1
	}
	return 0
}
