// Package assets holds what the screens bundle: the font, Noto Sans CJK SC
// cut to GB2312 (deploy/font/subset.sh), regular and bold, for the screens
// and the station's charts; and the pictograms drawn for the residents'
// screens (pictures/*.svg, see pictures.go).
package assets

import _ "embed"

var (
	// Regular is the regular weight (OpenType, CFF outlines).
	//go:embed NotoSansSC-Regular-GB2312.otf
	Regular []byte
	// Bold is the bold weight.
	//go:embed NotoSansSC-Bold-GB2312.otf
	Bold []byte
)
