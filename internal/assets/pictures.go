package assets

import (
	"embed"
	"path"
	"sort"
	"strings"
)

// The pictograms are drawn by hand for this community on a 48×48 grid, with
// one stroke width (2.5) and round ends, in four colours that the screens
// replace with the theme's for day and night: Ink (outlines), Accent (the
// part that tells one picture from another), Tint (large quiet areas) and
// Paper (holes and sheets of paper). Any other colour (the red of a fire
// extinguisher, the colours of the rating faces) is kept as drawn.
const (
	Ink    = "#1a1a1a"
	Accent = "#0b4fb3"
	Tint   = "#dce6f5"
	Paper  = "#ffffff"
	// FaceInk is the rating faces' outline, kept as drawn: a face reads
	// the same by day and by night.
	FaceInk = "#212121"
)

//go:embed pictures/*.svg
var pictures embed.FS

// Picture returns the SVG source of the pictogram called name (bin, lamp,
// face-4, status-replied…), or false when there is none.
func Picture(name string) ([]byte, bool) {
	b, err := pictures.ReadFile("pictures/" + name + ".svg")
	return b, err == nil
}

// PictureNames lists every bundled pictogram, sorted.
func PictureNames() []string {
	ents, _ := pictures.ReadDir("pictures") // embedded: cannot fail
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	sort.Strings(out)
	return out
}
