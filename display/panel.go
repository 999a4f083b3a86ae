package display

// The panel's density: touch targets are a size in millimetres under a
// finger, so a denser panel needs more pixels for the same target and a
// coarser one fewer. The issue's 72 and 96 px are for the 10.1" 1280×800
// panel (≈ 5.9 px/mm: ≈ 12.2 and 16.3 mm); other panels get the same
// millimetres from their own density (docs/ARCHITECTURE.md).

import (
	"math"

	"fyne.io/fyne/v2"
)

// The physical widths of the panels the kiosks are built with, across
// the panel as it is mounted (the active area, in millimetres).
const (
	// A 10.1" 16:10 panel, 1280×800: 10.1" × 16/√(16²+10²).
	widthMM10in = 10.1 * 25.4 * 16 / 18.867962
	// The official Raspberry Pi 7" display, 800×480: 154.08 × 85.92 mm.
	widthMMOfficial7 = 154.08
	// Raspberry Pi Touch Display 2, 7" 720×1280 portrait: 7" × 9/√(9²+16²).
	widthMMTouch2 = 7 * 25.4 * 9 / 18.357560
)

// refDensity is the 10.1" panel's pixels a millimetre, where the targets
// are 72 and 96 px.
const refDensity = 1280 / widthMM10in

// PanelWidthMM is the physical width of a panel of px pixels when the
// configuration does not say: the panel a kiosk of that resolution is
// built with; for a resolution of no known panel, the 10.1" panel's
// density.
func PanelWidthMM(px fyne.Size) float32 {
	switch {
	case px.Width == 1280 && px.Height == 800:
		return widthMM10in
	case px.Width == 800 && px.Height == 480:
		return widthMMOfficial7
	case px.Width == 720 && px.Height == 1280:
		return widthMMTouch2
	}
	return float32(float64(px.Width) / refDensity)
}

// targetFor is the smallest side in pixels of a tappable object on a panel
// of the given density (px/mm; 0: the 10.1" panel's): the millimetres of
// 72 px (96 px in 长辈模式) on the 10.1" panel, whole pixels, rounded up.
func targetFor(density float32, large bool) float32 {
	px := float64(minTarget)
	if large {
		px = largeTarget
	}
	if density <= 0 {
		return float32(px)
	}
	return float32(math.Ceil(px*float64(density)/refDensity - 1e-6))
}

// SetPanel tells the kiosk the panel's resolution and, when known, its
// physical width in millimetres (0: from the resolution, PanelWidthMM).
// Without it the kiosk takes its window's size for the panel's.
func (k *Kiosk) SetPanel(px fyne.Size, widthMM float32) {
	k.panel, k.panelMM = px, widthMM
}

// panelSize is the panel's resolution: as set, or the window's.
func (k *Kiosk) panelSize() fyne.Size {
	if k.panel.Width > 0 {
		return k.panel
	}
	return k.win.Canvas().Size()
}

// density is the panel's pixels a millimetre.
func (k *Kiosk) density() float32 {
	px := k.panelSize()
	if px.Width == 0 {
		return 0
	}
	mm := k.panelMM
	if mm <= 0 {
		mm = k.d.Config.Screen.WidthMM
	}
	if mm <= 0 {
		mm = PanelWidthMM(px)
	}
	return px.Width / mm
}
