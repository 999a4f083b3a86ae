package report_test

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"opinionwall/hub"
	"opinionwall/hub/charts"
	"opinionwall/hub/report"
	"opinionwall/kiosk"
)

func testMonth(t *testing.T) *report.Month {
	t.Helper()
	from, to := hub.MonthOf(time.Date(2026, 11, 15, 0, 0, 0, 0, time.Local))
	st := hub.Stats{From: from, To: to,
		Cases:       []hub.CaseTimes{{Matter: kiosk.MatterSmall, Received: from, FirstReply: from.Add(30 * time.Hour), Closed: from.AddDate(0, 0, 5)}},
		Ratings:     []hub.RatingCount{{Service: "clinic", N: 4, Sum: 16}},
		OpenByClass: map[kiosk.Matter]int{hub.Untriaged: 3},
		OpenPlaces:  []hub.PlaceCount{{Street: "大和路", Topic: "sanitation", N: 3}}}
	text := func(k string) string { return k }
	drawn, err := charts.Draw(st, charts.Options{Text: func(k string) string { return k }})
	if err != nil {
		t.Fatal(err)
	}
	var cases []hub.Case
	for i := 0; i < 12; i++ {
		cases = append(cases, hub.Case{Kind: kiosk.KindOpinion, Ticket: "ABCD2345", Topic: "sanitation", Text: "门口垃圾",
			Reply: "已清运", ReplyEn: "Collected", RepliedAt: from.Add(time.Duration(i) * time.Hour)})
	}
	return &report.Month{From: from, To: to, Stats: st, Targets: hub.DefaultTargets(), Charts: drawn,
		Examples: hub.ExampleReplies(cases, 10), Text: text}
}

func TestReportPage(t *testing.T) {
	m := testMonth(t)
	var buf bytes.Buffer
	if err := report.WritePNG(&buf, m); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1240 || b.Dy() != 1754 {
		t.Fatalf("page %v, want A4 at 150 dpi (1240×1754)", b)
	}
}

func TestReportWorkbook(t *testing.T) {
	m := testMonth(t)
	cells := func(m *report.Month) map[string][][]string {
		var buf bytes.Buffer
		if err := report.WriteXLSX(&buf, m); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out := map[string][][]string{}
		for _, s := range f.GetSheetList() {
			out[s], _ = f.GetRows(s)
		}
		return out
	}
	got := cells(m)
	if len(got) != 6 {
		t.Fatalf("%d sheets, want 6: %v", len(got), got)
	}
	var examples, deliberation [][]string
	for name, rows := range got {
		switch {
		case strings.HasPrefix(name, "report.examples"):
			examples = rows
		case strings.HasPrefix(name, "report.deliberation"):
			deliberation = rows
		}
	}
	if len(examples) != 11 { // a header and ten
		t.Fatalf("%d example rows, want a header and ten", len(examples))
	}
	if len(deliberation) != 1 || !strings.HasPrefix(deliberation[0][0], "report.deliberation.none") {
		t.Fatalf("without a deliberation list: %q", deliberation)
	}
	m.Deliberation = []string{"第 12 号《加装电梯》：表决通过，立项"}
	for name, rows := range cells(m) {
		if strings.HasPrefix(name, "report.deliberation") && (len(rows) != 1 || rows[0][0] != m.Deliberation[0]) {
			t.Fatalf("the deliberation list's changes: %q", rows)
		}
	}
}
