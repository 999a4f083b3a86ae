// Package ledger writes the station's work ledger (工作台账): the filtered
// cases with their status, class and replies, as CSV (UTF-8 with a byte
// order mark, so Excel reads the Chinese) or as XLSX (excelize).
// Residents' contact details are never written to it.
package ledger
