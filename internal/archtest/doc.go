// Package archtest holds no code, only tests of the tree's shape: the
// direction of imports (the domain imports the standard library only, the
// kiosk binary links no station code), the package graph written in
// docs/ARCHITECTURE.md (regenerated with `go test ./internal/archtest
// -update`), import groups (standard library, third-party, own), and the
// size of files and functions.
package archtest
