// Package displaytest drives Fyne screens in tests as a person would:
// find a button by its label and tap it, read every text on screen, pick
// an option, and a resident kiosk on a real SQLite store behind Fyne's
// test driver. Tests of both UIs use it; production code never imports it.
package displaytest
