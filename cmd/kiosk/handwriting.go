package main

import (
	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/zinnia"
)

// openHandwriting opens the Zinnia recogniser of kiosk.handwriting_model
// for the keyboard's handwriting pad (手写); it returns nil, and the pad
// says handwriting is not available while pinyin works on, when the model
// is turned off ("") or cannot be opened.
func (m *Main) openHandwriting() handwriting.Recognizer {
	path := m.cfg.Kiosk.HandwritingModel
	if path == "" {
		return nil
	}
	z, err := zinnia.Open(path)
	if err != nil {
		m.log.Warn("no handwriting: the model cannot be opened; pinyin works on", "model", path, "err", err)
		return nil
	}
	m.log.Info("handwriting", "model", path, "characters", z.Size())
	m.closers = append(m.closers, z.Close)
	return z // assigned only on success: a nil *Recognizer would be a non-nil interface
}
