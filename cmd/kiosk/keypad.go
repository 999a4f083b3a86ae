package main

import (
	"log/slog"
	"sync"

	"opinionwall/hardware"
	"opinionwall/hardware/periph"
	"opinionwall/kiosk"
)

// openKeypad adds the booth's keypad matrix to the kit's inputs, when the
// configuration wires one. A keypad that fails leaves the rating buttons
// as keys 1-4.
func (k *kit) openKeypad(cfg *kiosk.Config, log *slog.Logger) {
	b := cfg.Booth
	if len(b.KeypadRows) != 4 || len(b.KeypadCols) != 3 || cfg.Kiosk.Role != kiosk.RoleBooth {
		return
	}
	kp := &periph.Keypad{Rows: b.KeypadRows, Cols: b.KeypadCols, Debounce: cfg.Hardware.Debounce.D()}
	if err := kp.Open(); err != nil {
		log.Error("keypad failed: the rating buttons are keys 1-4", "err", err)
		return
	}
	m := &merged{ch: make(chan hardware.Event, 64), stop: make(chan struct{})}
	m.forward(k.inputs)
	m.forward(kp)
	k.inputs = m
	k.closers = append(k.closers, func() error { m.close(); return kp.Close() })
}

// merged delivers the events of several inputs on one channel.
type merged struct {
	ch   chan hardware.Event
	stop chan struct{}
	wg   sync.WaitGroup
}

func (m *merged) Events() <-chan hardware.Event { return m.ch }

func (m *merged) forward(in hardware.Inputs) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		for {
			select {
			case <-m.stop:
				return
			case e := <-in.Events():
				select {
				case m.ch <- e:
				case <-m.stop:
					return
				}
			}
		}
	}()
}

func (m *merged) close() {
	close(m.stop)
	m.wg.Wait()
}
