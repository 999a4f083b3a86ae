package report

import (
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Month is what the report of one month says.
type Month struct {
	From, To time.Time // the month: [From, To)
	Station  string    // the community station's name, for the heading
	Stats    hub.Stats // the month's statistics
	Targets  hub.Targets
	Charts   []hub.Chart // drawn from Stats, in the reader's language
	Examples []hub.ExampleReply
	// Deliberation is the deliberation list's changes of the month (议事
	// 事项清单), one line each; nil when the station has no deliberation
	// list yet, which the report says.
	Deliberation []string
	// Text returns a report text by key in the reader's language (the
	// station's catalog: report.*, chart.*, matter.*).
	Text func(key string) string
	// Name returns a topic's name in the reader's language.
	Name func(id string) string
	// English is true for a report in English (replies in English where
	// the station wrote one).
	English bool
}

func (m *Month) t(key string, args ...any) string {
	if m.Text == nil {
		return key
	}
	return fmt.Sprintf(m.Text(key), args...)
}

func (m *Month) name(id string) string {
	if m.Name == nil {
		return id
	}
	return m.Name(id)
}

// reply is an example's reply in the report's language, the Chinese
// where there is no English.
func (m *Month) reply(e hub.ExampleReply) string {
	if m.English && e.ReplyEn != "" {
		return e.ReplyEn
	}
	return e.Reply
}

// title is the report's heading: the station and the month.
func (m *Month) title() string {
	station := m.Station
	if station == "" {
		station = m.t("report.station")
	}
	return m.t("report.title", station, m.From.Format("2006-01"))
}

// figures are the headline figures as label and value, in order.
func (m *Month) figures() [][2]string {
	s := m.Stats.Summary()
	sat := "—"
	if s.Ratings > 0 {
		sat = fmt.Sprintf("%.0f", s.Satisfaction)
	}
	return [][2]string{
		{m.t("report.opinions"), fmt.Sprint(s.Opinions)},
		{m.t("report.replied"), fmt.Sprint(s.Replied)},
		{m.t("report.closed"), fmt.Sprint(s.Closed)},
		{m.t("report.open"), fmt.Sprint(s.OpenNow)},
		{m.t("report.ratings"), fmt.Sprint(s.Ratings)},
		{m.t("report.satisfaction"), sat},
	}
}

// classRows are the times per class: class, cases, medians and 90th
// percentiles against the targets, in days.
func (m *Month) classRows() [][]string {
	days := func(d time.Duration) string { return fmt.Sprintf("%.1f", d.Hours()/24) }
	var rows [][]string
	for _, c := range m.Stats.ClassTimes(m.Targets) {
		rows = append(rows, []string{m.t(classKey(c.Matter)), fmt.Sprint(c.Cases), days(c.ReplyP50), days(c.ReplyP90),
			days(c.Target.FirstReply), days(c.CloseP50), days(c.CloseP90), days(c.Target.Close), fmt.Sprint(c.ReplyLate), fmt.Sprint(c.CloseLate)})
	}
	return rows
}

// classKey names a class in the catalog.
func classKey(m kiosk.Matter) string {
	if m == hub.Untriaged {
		return "matter.untriaged"
	}
	return "matter." + string(m)
}

// chart returns the chart named name, if drawn.
func (m *Month) chart(name string) (hub.Chart, bool) {
	for _, c := range m.Charts {
		if c.Name == name {
			return c, true
		}
	}
	return hub.Chart{}, false
}
