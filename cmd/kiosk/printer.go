package main

import (
	"opinionwall/hardware/printer"
)

// openPrinter starts the receipt printer when the configuration enables
// one; its state goes into telemetry. A printer that is not plugged in is
// reported offline, never an error that stops the kiosk.
func (m *Main) openPrinter() error {
	pc := m.cfg.Receipt.Printer
	if !pc.Enabled {
		return nil
	}
	p := &printer.Printer{Device: pc.Device, Timeout: pc.Timeout.D(), Log: m.log.With("part", "printer")}
	if err := p.Open(); err != nil {
		return err
	}
	m.closers = append(m.closers, p.Close)
	m.printer = p
	m.session.Printer = p
	return nil
}
