// Package display holds the Fyne screens: the theme with the bundled
// Chinese font, the resident screens drawn from session.View, the on-screen
// pinyin keyboard and digit pad, and the hidden admin screen.
//
// Screens take a fyne.App and fyne.Window and domain interfaces, never
// fyne.io/fyne/v2/app, so their tests run on Fyne's test driver with
// CGO_ENABLED=0. Only cmd/kiosk makes the real window.
package display
