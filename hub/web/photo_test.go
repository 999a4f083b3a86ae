package web_test

import (
	"bytes"
	"image/jpeg"
	"testing"

	"opinionwall/hub/web"
)

// A phone's JPEG with GPS and device EXIF comes out resized, upright and
// without any EXIF.
func TestReencodeStripsEXIFAndResizes(t *testing.T) {
	in := exifJPEG(t, 2000, 1000, 6) // stored sideways: EXIF says turn 90° clockwise
	if !hasEXIF(in) {
		t.Fatal("the test photo has no EXIF to strip")
	}
	out, err := web.Reencode(bytes.NewReader(in), web.MaxPhotoSide)
	if err != nil {
		t.Fatal(err)
	}
	if hasEXIF(out) {
		t.Error("EXIF left in the stored photo")
	}
	img, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 1280 {
		t.Errorf("size %v, want 640×1280 (scaled, turned upright)", b.Size())
	}
	// The red corner (top left as stored) is top right once turned.
	r, g, _, _ := img.At(620, 20).RGBA()
	if r>>8 < 150 || g>>8 > 100 {
		t.Errorf("top-right pixel %d,%d: the photo was not turned", r>>8, g>>8)
	}
}

func TestReencodeRefusesNonImages(t *testing.T) {
	if _, err := web.Reencode(bytes.NewReader([]byte("GIF89a not really")), web.MaxPhotoSide); err == nil {
		t.Fatal("accepted a non-image")
	}
}
