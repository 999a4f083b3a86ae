package main

import "syscall"

// clockSynced reports whether the kernel considers the clock synchronised
// (NTP or timesyncd cleared STA_UNSYNC). A Pi has no battery clock, so until
// then timestamps are recorded with clock_synced=false.
var clockSynced = kernelClockSynced

func kernelClockSynced() bool {
	const staUnsync = 0x0040
	const timeError = 5
	var tx syscall.Timex
	state, err := syscall.Adjtimex(&tx)
	return err == nil && state != timeError && tx.Status&staUnsync == 0
}
