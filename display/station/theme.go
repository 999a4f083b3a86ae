package station

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"opinionwall/internal/assets"
)

// Theme is the station's desktop look: Fyne's default sizes for a
// keyboard and mouse, with the bundled Chinese font.
type Theme struct{}

var _ fyne.Theme = Theme{}

// Font returns the bundled font.
func (Theme) Font(s fyne.TextStyle) fyne.Resource { return assetFont(s) }

// Size returns Fyne's default sizes, text a little larger for Chinese.
func (Theme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 15
	}
	return theme.DefaultTheme().Size(n)
}

// Color returns the light default palette.
func (Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Icon returns Fyne's icons.
func (Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// The bundled font (internal/assets): Fyne cannot load the system's .ttc
// collections.
var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular-GB2312.otf", assets.Regular)
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold-GB2312.otf", assets.Bold)
)

func assetFont(s fyne.TextStyle) fyne.Resource {
	if s.Bold {
		return fontBold
	}
	return fontRegular
}
