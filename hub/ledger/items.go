package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"opinionwall/hub"
)

// ItemsHeader are the columns of the community's deliberation list
// (居民议事事项清单).
var ItemsHeader = []string{"序号", "议事事项", "English", "说明", "话题", "支持意见数", "阶段", "同意", "不同意", "弃权",
	"疑似误触", "表决确认", "民生微实事(元)", "最新进展", "提出人", "提出时间"}

// ItemsSheet is the XLSX sheet's name.
const ItemsSheet = "议事事项清单"

var stageNames = map[hub.ItemStage]string{hub.StageCollecting: "征集", hub.StageVoting: "表决", hub.StageAdopted: "立项",
	hub.StageRejected: "未通过", hub.StageUnderway: "实施中", hub.StageDone: "已完成"}

// ItemRow is one item's row of the list.
func ItemRow(it *hub.Item) []string {
	var last, decided string
	if n := len(it.Progress); n > 0 {
		last = it.Progress[n-1].At.Local().Format("2006-01-02") + " " + it.Progress[n-1].Note
	}
	if !it.DecidedAt.IsZero() {
		decided = it.DecidedAt.Local().Format("2006-01-02 15:04")
	}
	r := []string{strconv.Itoa(it.N), it.Title.Zh, it.Title.En, it.Description, it.Topic, strconv.Itoa(it.Supporters()),
		stageNames[it.Stage], strconv.Itoa(it.Result.Agree), strconv.Itoa(it.Result.Disagree), strconv.Itoa(it.Result.Abstain),
		strconv.Itoa(it.Result.Play), decided, strconv.FormatInt(it.Budget(), 10), last, it.CreatedBy,
		it.CreatedAt.Local().Format("2006-01-02 15:04")}
	for i := range r {
		r[i] = Defuse(r[i])
	}
	return r
}

// WriteItems writes the list as "csv" (UTF-8 with a BOM, for Excel) or
// "xlsx", numbered as the items are, and returns the rows written.
func WriteItems(w io.Writer, format string, items []hub.Item) (int, error) {
	switch format {
	case "csv":
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return 0, fmt.Errorf("items: %w", err)
		}
		cw := csv.NewWriter(w)
		cw.Write(ItemsHeader)
		for i := range items {
			cw.Write(ItemRow(&items[i]))
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return 0, fmt.Errorf("items: %w", err)
		}
		return len(items), nil
	case "xlsx":
		return writeItemsXLSX(w, items)
	}
	return 0, fmt.Errorf("items: format %q is not csv or xlsx", format)
}

func writeItemsXLSX(w io.Writer, items []hub.Item) (int, error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", ItemsSheet); err != nil {
		return 0, fmt.Errorf("items: %w", err)
	}
	rows := append([][]string{ItemsHeader}, make([][]string, 0, len(items))...)
	for i := range items {
		rows = append(rows, ItemRow(&items[i]))
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return 0, fmt.Errorf("items: %w", err)
		}
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := x.SetSheetRow(ItemsSheet, cell, &vals); err != nil {
			return 0, fmt.Errorf("items: %w", err)
		}
	}
	if _, err := x.WriteTo(w); err != nil {
		return 0, fmt.Errorf("items: %w", err)
	}
	return len(items), nil
}
