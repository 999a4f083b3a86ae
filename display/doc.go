// Package display will hold the Fyne screens: the theme with the bundled
// Chinese font, the resident screens drawn from session.View, and the
// station's review screens. Screens take a fyne.App or fyne.Window and
// domain interfaces, never fyne.io/fyne/v2/app, so their tests run headless.
//
// Nothing is here yet: it is built by the touchscreen issue. Until then
// `kiosk run` reads resident actions as text lines (session.Script).
package display
