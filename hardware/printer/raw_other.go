//go:build !linux

package printer

import "os"

const openFlags = os.O_RDWR

// makeRaw leaves the device as it is: serial settings are made on Linux only.
func makeRaw(*os.File, int) error { return nil }
