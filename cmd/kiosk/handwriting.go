package main

import (
	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/zinnia"
)

// openHandwriting opens the Zinnia recogniser of kiosk.handwriting_model
// for the keyboard's handwriting pad (手写), supplemented by the
// standard-order model of kiosk.handwriting_standard_model when that opens;
// it returns nil, and the pad says handwriting is not available while
// pinyin works on, when the main model is turned off ("") or cannot be
// opened.
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
	std := m.cfg.Kiosk.HandwritingStandardModel
	if std == "" {
		return z // assigned only on success: a nil *Recognizer would be a non-nil interface
	}
	s, err := zinnia.Open(std)
	if err != nil {
		m.log.Warn("handwriting without the standard-order model: characters the main model holds in another stroke order are missed", "model", std, "err", err)
		return z
	}
	m.log.Info("handwriting supplement", "model", std, "characters", s.Size())
	m.closers = append(m.closers, s.Close)
	return handwriting.Supplemented{Main: z, Extra: s, MinScore: handwriting.DefaultMinScore}
}
