// Package display holds the kiosk's resident screens in Fyne: the theme
// (with the Chinese font from internal/assets), one file per screen drawn
// from session.View (attract and home, opinion, rating, vote, lookup, wall,
// review), the on-screen pinyin keyboard and digit pad (keys.go, driving
// display/pinyin), the handwriting pad (handpad.go and handink.go: a
// square written in with a finger, recognised through the
// display/handwriting interface), and the hidden admin screen behind the
// PIN.
//
// Every label a resident or a maintainer reads on these screens comes from
// the catalog in i18n.go, in Chinese and English; widget code names a key.
// Texts from the station (topics, replies, polls) come with their own
// languages.
//
// Screens take a fyne.App and fyne.Window and domain interfaces, never
// fyne.io/fyne/v2/app, so their tests run on Fyne's test driver with
// CGO_ENABLED=0 (display/displaytest drives them). Only cmd/kiosk makes the
// real window. The station's review app is display/station; the two share
// only the font.
package display
