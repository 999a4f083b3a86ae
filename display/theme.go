package display

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"opinionwall/internal/assets"
)

// The bundled font (package fonts). Fyne cannot load the system's .ttc
// collections.
var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular-GB2312.otf", assets.Regular)
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold-GB2312.otf", assets.Bold)
)

// Text sizes and touch targets: main text 24 and targets of at least
// 72×72 px (≈ 12 mm on the 10" 1280×800 panel, ≈ 5.9 px/mm) normally; in
// 长辈模式 (elderly mode, after the MIIT 适老化 design rules) text of 32
// (≥ 30 pt) and targets of at least 96×96 px (≈ 16 mm).
const (
	textNormal  = 24
	textLarge   = 32
	minTarget   = 72
	largeTarget = 96
)

// Theme is the kiosk's look: the bundled font, big text, and a
// high-contrast palette for daylight or a dim one for night.
type Theme struct {
	Large bool // 长辈模式: large text and large targets
	Night bool // the dim palette
	// Density is the panel's pixels a millimetre (panel.go); 0: the
	// 10.1" panel's.
	Density float32
}

var _ fyne.Theme = (*Theme)(nil)

// Font returns the bundled font, bold when asked.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

// Size makes text and controls big enough for a finger and for older eyes.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	text := float32(textNormal)
	if t.Large {
		text = textLarge
	}
	switch n {
	case theme.SizeNameText:
		return text
	case theme.SizeNameHeadingText:
		return text * 1.25
	case theme.SizeNameSubHeadingText:
		return text * 1.2
	case theme.SizeNameCaptionText:
		return text * 0.8
	case theme.SizeNamePadding:
		return 6
	case theme.SizeNameInnerPadding:
		return 8
	case theme.SizeNameInlineIcon:
		return text * 1.2
	case theme.SizeNameInputBorder:
		return 3
	case theme.SizeNameScrollBar:
		return 16
	}
	return theme.DefaultTheme().Size(n)
}

// Color is a high-contrast palette by day (dark text on white, a strong
// blue) and a dim one by night (light grey on near black).
func (t *Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	day := map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForeground:          color.NRGBA{0x11, 0x11, 0x11, 0xff},
		theme.ColorNameButton:              color.NRGBA{0xe4, 0xe9, 0xf2, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0x0b, 0x4f, 0xb3, 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameDisabled:            color.NRGBA{0x75, 0x75, 0x75, 0xff},
		theme.ColorNameInputBackground:     color.NRGBA{0xf4, 0xf6, 0xfa, 0xff},
		theme.ColorNameError:               color.NRGBA{0xb0, 0x00, 0x20, 0xff},
		theme.ColorNameSuccess:             color.NRGBA{0x0a, 0x7a, 0x2f, 0xff},
		theme.ColorNameSeparator:           color.NRGBA{0x99, 0x99, 0x99, 0xff},
		theme.ColorNameHover:               color.NRGBA{0x0b, 0x4f, 0xb3, 0x22},
		theme.ColorNamePressed:             color.NRGBA{0x0b, 0x4f, 0xb3, 0x44},
		theme.ColorNameFocus:               color.NRGBA{0x0b, 0x4f, 0xb3, 0x66},
	}
	night := map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          color.NRGBA{0x0c, 0x0c, 0x10, 0xff},
		theme.ColorNameForeground:          color.NRGBA{0xc8, 0xc8, 0xc8, 0xff},
		theme.ColorNameButton:              color.NRGBA{0x22, 0x24, 0x2a, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0x4a, 0x7c, 0xc4, 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{0xf0, 0xf0, 0xf0, 0xff},
		theme.ColorNameDisabled:            color.NRGBA{0x66, 0x66, 0x66, 0xff},
		theme.ColorNameInputBackground:     color.NRGBA{0x1a, 0x1b, 0x20, 0xff},
		theme.ColorNameError:               color.NRGBA{0xe0, 0x60, 0x60, 0xff},
		theme.ColorNameSuccess:             color.NRGBA{0x50, 0xb0, 0x70, 0xff},
		theme.ColorNameSeparator:           color.NRGBA{0x44, 0x44, 0x44, 0xff},
		theme.ColorNameHover:               color.NRGBA{0x4a, 0x7c, 0xc4, 0x22},
		theme.ColorNamePressed:             color.NRGBA{0x4a, 0x7c, 0xc4, 0x44},
		theme.ColorNameFocus:               color.NRGBA{0x4a, 0x7c, 0xc4, 0x66},
	}
	palette := day
	if t.Night {
		palette = night
	}
	if c, ok := palette[n]; ok {
		return c
	}
	v := theme.VariantLight
	if t.Night {
		v = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, v)
}

// Icon uses Fyne's icons.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// target is the smallest side of a tappable object in the theme's mode.
func (t *Theme) target() float32 { return targetFor(t.Density, t.Large) }
