package ledger

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

type cases []hub.Case

func (cs cases) EachCase(_ context.Context, f hub.Filter, fn func(hub.Case) error) error {
	for _, c := range cs {
		if f.Status != "" && c.Status != f.Status {
			continue
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func testNames(t *testing.T) Names {
	cl, err := hub.ParseChecklist(hub.DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	return Names{Catalog: hub.NewCatalog(kiosk.Defaults()), Checklist: cl, Workers: map[string]string{"wang": "王刚"}, Loc: time.UTC}
}

var at = time.Date(2026, 11, 29, 9, 30, 0, 0, time.UTC)

var sample = cases{
	{Ticket: "123456789", Kiosk: "wall-01", Kind: kiosk.KindOpinion, Topic: "sanitation", Building: "12栋", Text: "垃圾没人清理",
		At: at, Status: kiosk.StatusReplied, Matter: kiosk.MatterSmall, Item: "garbage", Assignee: "wang", Reply: "明早清运", RepliedAt: at.Add(time.Hour)},
	{Ticket: "223456789", Kiosk: "wall-01", Kind: kiosk.KindOpinion, Text: "=HYPERLINK(\"http://x\")", At: at, Status: kiosk.StatusReceived},
}

func TestCSVHasBOMAndNoFormulas(t *testing.T) {
	var buf bytes.Buffer
	n, err := WriteCSV(context.Background(), &buf, sample, hub.Filter{}, testNames(t))
	if err != nil || n != 2 {
		t.Fatalf("%d rows, %v", n, err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "回执号" {
		t.Fatalf("rows %v", rows)
	}
	r := rows[1]
	want := map[int]string{0: "123 456 789", 1: "2026-11-29 09:30", 4: "环境卫生", 8: "已回复", 9: "小事", 10: "垃圾清运", 12: "王刚", 13: "明早清运", 15: "2026-11-29 10:30"}
	for i, v := range want {
		if r[i] != v {
			t.Errorf("column %s = %q, want %q", Header[i], r[i], v)
		}
	}
	if !strings.HasPrefix(rows[2][6], "'=") {
		t.Errorf("a formula went through: %q", rows[2][6])
	}
}

func TestXLSXReadsBack(t *testing.T) {
	var buf bytes.Buffer
	n, err := Write(context.Background(), &buf, "xlsx", sample, hub.Filter{Status: kiosk.StatusReplied}, testNames(t))
	if err != nil || n != 1 {
		t.Fatalf("%d rows, %v", n, err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(Sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][6] != "内容" || rows[1][6] != "垃圾没人清理" || rows[1][11] != "0" {
		t.Errorf("rows %v", rows)
	}
	if _, err := Write(context.Background(), &buf, "pdf", sample, hub.Filter{}, testNames(t)); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestDefuseFormulas: a cell a spreadsheet would read as a formula gets an
// apostrophe, also when a tab, a carriage return or spaces come first
// (Excel and LibreOffice skip them: "\t=cmd|' /C calc'!A0" ran as a
// formula before); ordinary text is left alone.
func TestDefuseFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":                   "'=1+1",
		"+86 138":                "'+86 138",
		"-5":                     "'-5",
		"@SUM(A1)":               "'@SUM(A1)",
		"\t=cmd|' /C calc'!A0":   "'\t=cmd|' /C calc'!A0",
		"\r=HYPERLINK(\"http\")": "'\r=HYPERLINK(\"http\")",
		"  =1+1":                 "'  =1+1",
		"垃圾站=脏":                  "垃圾站=脏",
		"":                       "",
		"a-b":                    "a-b",
	} {
		if got := Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestXLSXHasNoFormulas: the workbook writes a resident's "=HYPERLINK(…)"
// and "\t=cmd…" as typed string cells: no cell carries a formula and the
// text reads back as written (no apostrophe needed there).
func TestXLSXHasNoFormulas(t *testing.T) {
	var buf bytes.Buffer
	src := cases{{Ticket: "323456789", Kiosk: "wall-01", Kind: kiosk.KindOpinion, Text: "\t=cmd|' /C calc'!A0", At: time.Now(), Status: kiosk.StatusReceived}}
	src = append(src, sample[1])
	if _, err := Write(context.Background(), &buf, "xlsx", src, hub.Filter{}, testNames(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(Sheet)
	for r := range rows {
		for c := range rows[r] {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(Sheet, cell); formula != "" {
				t.Errorf("%s holds the formula %q", cell, formula)
			}
			if typ, _ := f.GetCellType(Sheet, cell); strings.HasPrefix(rows[r][c], "=") || strings.HasPrefix(rows[r][c], "\t=") {
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s (%q) has type %v, not a string", cell, rows[r][c], typ)
				}
			}
		}
	}
	if !strings.Contains(fmt.Sprint(rows), "=HYPERLINK") || !strings.Contains(fmt.Sprint(rows), "\t=cmd") {
		t.Errorf("the texts did not read back: %q", rows)
	}
}
