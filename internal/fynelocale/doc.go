// Package fynelocale gives Fyne a language it can parse before Fyne's own
// package initialisation reads it. Fyne's lang package reads LC_ALL,
// LC_MESSAGES, LANG and LANGUAGE when it is initialised and logs three lines of
// "Fyne error: Error parsing user locale C" for C.UTF-8 (Debian's default), so
// every command of a program that links Fyne printed them on a system
// without another locale. Import it for its side effect, first, in each command
// that links Fyne:
//
//	import _ "opinionwall/internal/fynelocale"
//
// It imports only os: Go initialises packages in import-path order as
// soon as their imports are, and Fyne's lang needs text/template, which
// sorts after this package and needs os first, so this package's init
// always runs before Fyne's.
package fynelocale
