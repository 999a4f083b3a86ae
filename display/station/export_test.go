package station

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// What the tests reach inside the app.

// SetFilter replaces the inbox filter and reloads.
func (s *App) SetFilter(f hub.Filter) { s.setFilter(f) }

// FleetRows returns the fleet table as text.
func (s *App) FleetRows() [][]string { return s.fleet.rows }

// ExportLedger writes the work ledger of the current filter and returns
// the file's path and the rows written.
func (s *App) ExportLedger(format string) (string, int, error) { return s.writeLedger(format) }

// ExportCharts saves the charts shown as PNG files and returns their paths.
func (s *App) ExportCharts() ([]string, error) { return s.saveCharts() }

// Reason words a refusal's reason as the app shows it.
func (s *App) Reason(r hub.Reason) string { return s.reason(r) }

// Catalog returns the station's texts by language.
func Catalog() map[Lang]map[string]string {
	out := map[Lang]map[string]string{}
	for _, c := range catalogs {
		for lang, texts := range c {
			if out[lang] == nil {
				out[lang] = map[string]string{}
			}
			for k, v := range texts {
				out[lang][k] = v
			}
		}
	}
	return out
}

// ReplyEntry returns the open case's reply entry.
func (s *App) ReplyEntry() *widget.Entry { return &s.form.reply.Entry }

// ReplyShortcut types a shortcut into the open case's reply entry.
func (s *App) ReplyShortcut(sc fyne.Shortcut) { s.form.reply.TypedShortcut(sc) }

// ExportItems writes the deliberation list and returns the file's path
// and the rows written.
func (s *App) ExportItems(format string) (string, int, error) { return s.writeItems(format) }

// OpenSettings unfolds the deliberation settings, as a lead's tap does.
func (s *App) OpenSettings() { s.items.settings.Open(0) }

// TargetEntries returns the days entries of a class: first reply, close.
func (s *App) TargetEntries(m kiosk.Matter) (*widget.Entry, *widget.Entry) {
	return s.tgt.reply[m], s.tgt.close[m]
}
