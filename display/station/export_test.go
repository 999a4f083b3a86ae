package station

import "opinionwall/hub"

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

// Catalog returns the station's texts by language.
func Catalog() map[Lang]map[string]string { return catalog }

// ExportItems writes the deliberation list and returns the file's path
// and the rows written.
func (s *App) ExportItems(format string) (string, int, error) { return s.writeItems(format) }

// OpenSettings unfolds the deliberation settings, as a lead's tap does.
func (s *App) OpenSettings() { s.items.settings.Open(0) }
