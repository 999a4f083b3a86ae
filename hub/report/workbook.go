package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the report's figures as a workbook: the headline
// figures, the times per class against the targets, satisfaction per
// service, open opinions by topic and street, the deliberation list's
// changes and the example replies.
func WriteXLSX(w io.Writer, m *Month) error {
	f := excelize.NewFile()
	defer f.Close()
	sheets := []struct {
		name string
		rows [][]any
	}{
		{m.t("report.sheet.figures"), m.figureRows()},
		{m.t("report.sheet.times"), m.timeRows()},
		{m.t("report.sheet.services"), m.serviceRows()},
		{m.t("report.sheet.heat"), m.heatRows()},
		{m.t("report.deliberation"), m.deliberationRows()},
		{m.t("report.examples"), m.exampleRows()},
	}
	for i, s := range sheets {
		if r := []rune(s.name); len(r) > 31 { // Excel's limit
			s.name = string(r[:31])
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("report: %w", err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				return fmt.Errorf("report: %w", err)
			}
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func (m *Month) figureRows() [][]any {
	rows := [][]any{{m.title()}}
	for _, f := range m.figures() {
		rows = append(rows, []any{f[0], f[1]})
	}
	return rows
}

func (m *Month) timeRows() [][]any {
	rows := [][]any{{m.t("report.col.class"), m.t("report.col.cases"), m.t("report.col.reply50"), m.t("report.col.reply90"),
		m.t("report.col.replyTarget"), m.t("report.col.close50"), m.t("report.col.close90"), m.t("report.col.closeTarget"),
		m.t("report.col.replyLate"), m.t("report.col.closeLate")}}
	for _, r := range m.classRows() {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = v
		}
		rows = append(rows, row)
	}
	return rows
}

func (m *Month) serviceRows() [][]any {
	rows := [][]any{{m.t("report.col.service"), m.t("report.col.ratings"), m.t("report.col.index")}}
	for _, s := range m.Stats.ServiceScores() {
		rows = append(rows, []any{m.name(s.Service), s.N, fmt.Sprintf("%.0f", s.Index)})
	}
	return rows
}

func (m *Month) heatRows() [][]any {
	h := m.Stats.OpenHeat()
	head := []any{m.t("report.col.topic")}
	for _, s := range h.Streets {
		if s == "" {
			s = m.t("chart.nostreet")
		}
		head = append(head, s)
	}
	rows := [][]any{head}
	for t, topic := range h.Topics {
		row := []any{m.name(topic)}
		for s := range h.Streets {
			row = append(row, h.N[s][t])
		}
		rows = append(rows, row)
	}
	return rows
}

func (m *Month) deliberationRows() [][]any {
	if m.Deliberation == nil {
		return [][]any{{m.t("report.deliberation.none")}}
	}
	var rows [][]any
	for _, l := range m.Deliberation {
		rows = append(rows, []any{l})
	}
	return rows
}

func (m *Month) exampleRows() [][]any {
	rows := [][]any{{m.t("report.col.ticket"), m.t("report.col.topic"), m.t("report.col.said"), m.t("report.col.reply"), m.t("report.col.replied")}}
	for _, e := range m.Examples {
		rows = append(rows, []any{e.Ticket, m.name(e.Topic), e.Said, m.reply(e), e.RepliedAt.Local().Format("2006-01-02 15:04")})
	}
	return rows
}
