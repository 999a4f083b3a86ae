// Package session is the state machine of one resident's visit to a kiosk:
// attract → home → the steps of a flow → review → submitted → attract.
//
// It is pure Go: no Fyne, no hardware, no SQL. Screens and physical inputs
// call its methods and draw its View; a ticker calls Tick so that idle
// timeouts end abandoned visits. The clock is injected, so every timeout is
// tested without sleeping.
package session
