package station

import (
	"errors"
	"io/fs"
	"os"
)

// createPrivate creates path for writing, readable by its owner only
// (0600): ledgers, lists and charts carry what residents wrote. A file
// left at that name is removed first, so its mode cannot carry over.
func createPrivate(path string) (*os.File, error) {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// writePrivate writes b to a new 0600 file at path.
func writePrivate(path string, b []byte) error {
	f, err := createPrivate(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
