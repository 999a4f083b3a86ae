package kiosk

// ScreenSection is the kiosk's touch panel.
type ScreenSection struct {
	// WidthMM is the physical width of the panel's active area as it is
	// mounted, in millimetres; 0 takes it from the resolution (a 1280×800
	// panel is the 10.1" one, 800×480 the official 7" display, 720×1280
	// Touch Display 2). Touch targets are sized in millimetres from it.
	WidthMM float32 `toml:"width_mm" json:"width_mm,omitempty"`
}

func (s *ScreenSection) validate(p *problems) {
	if s.WidthMM != 0 && (s.WidthMM < 50 || s.WidthMM > 600) {
		p.add("screen.width_mm", "must be 0 (from the resolution) or 50–600 mm (got %g)", s.WidthMM)
	}
}
