package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Modes of the station's store: the service user's alone. The review app
// reaches the store through the service (hub/deskapi), so no one else
// needs to open it; a directory or file left group-readable by an older
// layout (0770/0660 for a desktop group) is tightened at Open.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// secureFiles makes the store's directory DirMode and its database file
// FileMode before SQLite opens it: SQLite gives the -wal and -shm files
// it makes the database file's mode.
func secureFiles(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return err
	}
	if err := os.Chmod(dir, DirMode); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, FileMode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}
