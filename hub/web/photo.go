package web

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // phones may send PNG screenshots
	"io"

	"golang.org/x/image/draw"
)

// Photo limits.
const (
	MaxUploadBytes = 16 << 20 // a phone camera's JPEG
	MaxPhotoSide   = 1280     // px, the longer side after resizing
	photoQuality   = 80
	maxPixels      = 50_000_000 // refuse decompression bombs before decoding
)

// Reencode decodes a JPEG or PNG, turns it upright (EXIF orientation),
// scales it so its longer side is at most side pixels and encodes it
// again as a JPEG. The new file carries no metadata: EXIF (GPS position,
// phone make and model, time) stays behind with the original bytes.
func Reencode(r io.Reader, side int) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxUploadBytes+1))
	if err != nil {
		return nil, fmt.Errorf("photo: %w", err)
	}
	if len(raw) > MaxUploadBytes {
		return nil, fmt.Errorf("photo: larger than %d MB", MaxUploadBytes>>20)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("photo: not a JPEG or PNG picture: %w", err)
	}
	if cfg.Width*cfg.Height > maxPixels {
		return nil, fmt.Errorf("photo: %d×%d pixels is too large", cfg.Width, cfg.Height)
	}
	src, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("photo: %w", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if m := max(w, h); m > side {
		w, h = max(1, w*side/m), max(1, h*side/m)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, upright(dst, exifOrientation(raw)), &jpeg.Options{Quality: photoQuality}); err != nil {
		return nil, fmt.Errorf("photo: %w", err)
	}
	return out.Bytes(), nil
}
