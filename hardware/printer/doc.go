// Package printer prints receipts on an ESC/POS thermal printer: a USB
// printer (/dev/usb/lp0) or one on a serial port. Printing runs on its own
// goroutine with a timeout, so the visit never waits for paper; the
// printer's state (ok, paper out, offline) is read with ESC/POS real-time
// status requests and reported for telemetry.
package printer
