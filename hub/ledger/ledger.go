package ledger

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Source gives the ledger its cases.
type Source interface {
	EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error
}

// Names turns ids into what workers read.
type Names struct {
	Catalog   *hub.Catalog
	Checklist *hub.Checklist
	Workers   map[string]string // id → name
	Loc       *time.Location    // times are written in it; nil for Local
}

// Header is the ledger's first row.
var Header = []string{"回执号", "时间", "设备", "类型", "话题/服务", "楼栋", "内容", "评分", "状态", "分流", "子项", "优先级",
	"负责人", "回复", "回复（英文）", "首次回复时间", "上墙时间", "重复于", "不受理原因", "疑似误触"}

var matterNames = map[kiosk.Matter]string{kiosk.MatterBig: "大事", kiosk.MatterSmall: "小事", kiosk.MatterPrivate: "私事"}

var statusNames = map[kiosk.TicketStatus]string{kiosk.StatusReceived: "已收到", kiosk.StatusTriaged: "已分类", kiosk.StatusAssigned: "已指派",
	kiosk.StatusInProgress: "办理中", kiosk.StatusReplied: "已回复", kiosk.StatusClosed: "已办结", kiosk.StatusDuplicate: "重复",
	kiosk.StatusNotApplicable: "不受理"}

var kindNames = map[kiosk.Kind]string{kiosk.KindOpinion: "意见", kiosk.KindRating: "评价", kiosk.KindVote: "投票"}

// Row returns the ledger row of a case.
func (n Names) Row(c *hub.Case) []string {
	loc := n.Loc
	if loc == nil {
		loc = time.Local
	}
	tm := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format("2006-01-02 15:04")
	}
	rating, flagged := "", ""
	if c.Rating > 0 {
		rating = strconv.Itoa(c.Rating)
	}
	if c.Flagged {
		flagged = "是"
	}
	item := ""
	if c.Item != "" {
		item = n.Checklist.ItemName(c.Item)
	}
	worker := n.Workers[c.Assignee]
	if worker == "" {
		worker = c.Assignee
	}
	return []string{kiosk.FormatTicket(c.Ticket), tm(c.At), c.Kiosk, kindNames[c.Kind], n.Catalog.Name(c.Topic), c.Building,
		c.Text, rating, statusNames[c.Status], matterNames[c.Matter], item, strconv.Itoa(int(c.Priority)), worker,
		c.Reply, c.ReplyEn, tm(c.RepliedAt), tm(c.PublishedAt), c.DuplicateOf, c.Reason, flagged}
}

// WriteCSV writes the ledger as CSV with a UTF-8 byte order mark.
func WriteCSV(ctx context.Context, w io.Writer, src Source, f hub.Filter, n Names) (int, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes
	if err := cw.Write(Header); err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	rows := 0
	err := src.EachCase(ctx, f, func(c hub.Case) error {
		rows++
		r := n.Row(&c)
		for i, v := range r {
			r[i] = Defuse(v)
		}
		return cw.Write(r)
	})
	if err != nil {
		return rows, fmt.Errorf("ledger: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return rows, fmt.Errorf("ledger: %w", err)
	}
	return rows, nil
}

// Sheet is the XLSX sheet's name.
const Sheet = "工作台账"

// WriteXLSX writes the ledger as an Excel workbook, streaming the rows.
func WriteXLSX(ctx context.Context, w io.Writer, src Source, f hub.Filter, n Names) (int, error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", Sheet); err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	sw, err := x.NewStreamWriter(Sheet)
	if err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	widths := []float64{12, 17, 10, 6, 12, 10, 40, 6, 8, 6, 14, 6, 10, 40, 30, 17, 17, 12, 20, 8}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return 0, fmt.Errorf("ledger: %w", err)
		}
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	head := make([]any, len(Header))
	for i, h := range Header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{}); err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	rows := 0
	err = src.EachCase(ctx, f, func(c hub.Case) error {
		rows++
		r := n.Row(&c)
		vals := make([]any, len(r))
		for i, v := range r {
			vals[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, rows+1)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return rows, fmt.Errorf("ledger: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return rows, fmt.Errorf("ledger: %w", err)
	}
	if _, err := x.WriteTo(w); err != nil {
		return rows, fmt.Errorf("ledger: %w", err)
	}
	return rows, nil
}

// Write writes the ledger in format "csv" or "xlsx".
func Write(ctx context.Context, w io.Writer, format string, src Source, f hub.Filter, n Names) (int, error) {
	switch format {
	case "csv":
		return WriteCSV(ctx, w, src, f, n)
	case "xlsx":
		return WriteXLSX(ctx, w, src, f, n)
	}
	return 0, fmt.Errorf("ledger: format %q is not csv or xlsx", format)
}

// Defuse keeps a spreadsheet from reading a cell as a formula: a value
// starting with = + - @, with a tab or a carriage return (which Excel and
// LibreOffice skip before looking for one), or with spaces before any of
// these gets a leading apostrophe. CSV files need it; XLSX cells are typed
// strings, never formulas.
func Defuse(v string) string {
	t := strings.TrimLeft(v, " ")
	if t != "" && strings.ContainsRune("=+-@\t\r\n", rune(t[0])) {
		return "'" + v
	}
	return v
}
