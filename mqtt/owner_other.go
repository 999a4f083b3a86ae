//go:build !unix

package mqtt

// keepOwner does nothing where files have no Unix owner.
func keepOwner(path, tmp string) error { return nil }
