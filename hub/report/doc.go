// Package report writes the station's one-page monthly report for the
// residents' committee meeting: the month's figures, the statistics
// charts, the deliberation list's changes and ten example replies, as a
// PNG page and as an XLSX workbook.
package report
