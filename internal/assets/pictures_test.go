package assets_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"slices"
	"testing"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"

	"opinionwall/internal/assets"
	"opinionwall/kiosk"
)

// render draws an SVG at size×size with the rasteriser Fyne uses, refusing
// any element it cannot draw.
func render(t *testing.T, src []byte, size int) *image.NRGBA {
	t.Helper()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(src), oksvg.StrictErrorMode)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	icon.SetTarget(0, 0, float64(size), float64(size))
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)
	return img
}

// TestPicturesRender draws every pictogram at 48 px, the smallest size a
// screen shows it: each must parse, cover a fair part of the square (not a
// speck, not a blank) and keep a margin, and carry the ink outline the
// theme recolours.
func TestPicturesRender(t *testing.T) {
	for _, name := range assets.PictureNames() {
		t.Run(name, func(t *testing.T) {
			src, _ := assets.Picture(name)
			ink := bytes.Contains(src, []byte(assets.Ink)) || bytes.Contains(src, []byte(assets.FaceInk))
			if !bytes.Contains(src, []byte(`stroke-width="2.5"`)) || !ink {
				t.Errorf("not drawn in the set's style: no ink stroke of width 2.5")
			}
			img := render(t, src, 48)
			covered, edge := 0, 0
			for y := range 48 {
				for x := range 48 {
					if img.NRGBAAt(x, y).A > 128 {
						covered++
						if x == 0 || y == 0 || x == 47 || y == 47 {
							edge++
						}
					}
				}
			}
			if f := float64(covered) / (48 * 48); f < 0.12 || f > 0.85 {
				t.Errorf("covers %.0f%% of the square at 48 px, want 12%%–85%%", f*100)
			}
			if edge > 0 {
				t.Errorf("%d pixels on the border at 48 px: the picture needs its margin", edge)
			}
		})
	}
}

// TestPictureNames: the domain's list of picture names (what configuration
// may name) and the bundled files are the same set, so every icon a
// configuration passes has a picture and every picture can be named.
func TestPictureNames(t *testing.T) {
	if got, want := assets.PictureNames(), kiosk.PictureNames(); !slices.Equal(got, want) {
		t.Errorf("bundled pictures %v, kiosk names %v", got, want)
	}
	cfg := kiosk.Defaults()
	for _, tp := range append(cfg.Topics, cfg.Services...) {
		if _, ok := assets.Picture(tp.Picture()); !ok || tp.Icon == "" {
			t.Errorf("default %s: icon %q has no picture", tp.ID, tp.Icon)
		}
	}
}

// TestPictureSheet writes every picture at 48 px and at tile size (128 px)
// on one sheet, to look at: OW_PICTURE_SHEET=sheet.png go test -run Sheet.
func TestPictureSheet(t *testing.T) {
	out := os.Getenv("OW_PICTURE_SHEET")
	if out == "" {
		t.Skip("OW_PICTURE_SHEET not set")
	}
	names := assets.PictureNames()
	const cell = 150
	sheet := image.NewNRGBA(image.Rect(0, 0, 6*cell, (len(names)+5)/6*cell))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for i, n := range names {
		src, _ := assets.Picture(n)
		x, y := i%6*cell, i/6*cell
		draw.Draw(sheet, image.Rect(x+2, y+2, x+50, y+50), render(t, src, 48), image.Point{}, draw.Over)
		draw.Draw(sheet, image.Rect(x+20, y+20, x+148, y+148), render(t, src, 128), image.Point{}, draw.Over)
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, sheet); err != nil {
		t.Fatal(err)
	}
}
