package hub

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// A photo of the work done goes to the kiosks small: at most
// WallPictureSide on its longer side, a JPEG still.
func TestThumbnail(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1280, 960))
	for y := range 960 {
		for x := range 1280 {
			src.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var in bytes.Buffer
	if err := jpeg.Encode(&in, src, nil); err != nil {
		t.Fatal(err)
	}
	out, err := Thumbnail(in.Bytes(), WallPictureSide)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != WallPictureSide || cfg.Height != WallPictureSide*3/4 {
		t.Errorf("thumbnail %d×%d, want %d×%d", cfg.Width, cfg.Height, WallPictureSide, WallPictureSide*3/4)
	}
	if len(out) >= in.Len() {
		t.Errorf("thumbnail %d bytes, not smaller than the photo's %d", len(out), in.Len())
	}
	if _, err := Thumbnail([]byte("not a jpeg"), WallPictureSide); err == nil {
		t.Error("a file that is not a JPEG made a thumbnail")
	}
}
