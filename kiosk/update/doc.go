// Package update replaces the kiosk's binary safely: it downloads a release
// from the station, checks its size and SHA-256 and the release key's
// signature over it (release.go: a release the offline release key did not
// sign is refused, whatever the signed command says), puts it beside the running
// one, and switches a symlink atomically; the new binary has a deadline to
// report healthy, or a guard run before every start (systemd ExecStartPre)
// switches back to the previous one. Every step leaves a kiosk that boots:
// files are written under temporary names, synced, then renamed.
//
// Layout of the install directory:
//
//	kiosk            symlink to the binary that runs (releases/kiosk-VERSION)
//	releases/        the binaries, kiosk-VERSION
//	update.json      an update on trial (or just failed), absent otherwise
package update
