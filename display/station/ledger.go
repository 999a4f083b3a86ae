package station

import (
	"fmt"
	"os"
	"path/filepath"
)

// exportLedger writes the filtered cases to the export folder.
func (s *App) exportLedger(format string) {
	if s.d.Ledger == nil {
		s.say("%s", s.t("export.none"))
		return
	}
	path, n, err := s.writeLedger(format)
	if s.fail(s.t("what.export"), err) {
		return
	}
	s.say("%s", s.tf("export.done", n, path))
}

// writeLedger writes the work ledger of the current filter, as the
// logged-in worker may see it, and returns the file's path and the rows
// written.
func (s *App) writeLedger(format string) (string, int, error) {
	dir := s.d.ExportDir
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s.%s", s.t("ledger.file"), s.d.Now().Format("20060102-150405"), format))
	tmp := path + ".part"
	f, err := createPrivate(tmp)
	if err != nil {
		return "", 0, err
	}
	filter := s.inbox.filter
	filter.Offset, filter.Limit = 0, 0
	n, err := s.d.Ledger(s.ctx, s.me, f, format, filter)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return "", 0, err
	}
	return path, n, nil
}
