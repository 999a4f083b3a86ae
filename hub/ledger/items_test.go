package ledger

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"opinionwall/hub"
)

func TestItemsListCSVAndXLSX(t *testing.T) {
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	a, _ := hub.NewItem(1, "12栋加装电梯", "A lift", "=SUM(A1)", "infrastructure", []string{"c1", "c2"}, "wang", at)
	b, _ := hub.NewItem(2, "楼道灯", "", "", "", []string{"c3"}, "wang", at)
	b.Stage, b.Result = hub.StageDone, hub.ItemResult{Agree: 5, Disagree: 1}
	b.Progress = []hub.Progress{{At: at, Note: "已换灯", Budget: 800}}
	var buf bytes.Buffer
	if n, err := WriteItems(&buf, "csv", []hub.Item{a, b}); err != nil || n != 2 {
		t.Fatal(n, err)
	}
	if !strings.HasPrefix(buf.String(), "\ufeff") {
		t.Fatal("no BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][0] != "1" || rows[1][5] != "2" || rows[1][3] != "'=SUM(A1)" || rows[2][6] != "已完成" || rows[2][12] != "800" {
		t.Fatalf("rows %q %v", rows, err)
	}
	buf.Reset()
	if _, err := WriteItems(&buf, "xlsx", []hub.Item{a, b}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := x.GetRows(ItemsSheet)
	if len(got) != 3 || got[2][1] != "楼道灯" {
		t.Fatalf("xlsx %q", got)
	}
	if _, err := WriteItems(&buf, "pdf", nil); err == nil {
		t.Fatal("pdf accepted")
	}
}
