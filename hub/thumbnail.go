package hub

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
)

// Wall pictures: the photos of work done (处理后) travel to the kiosks
// inside the signed wall snapshot, small.
const (
	WallPictureSide  = 480     // px, the longer side of a wall picture
	WallPicturesSize = 1 << 20 // bytes of pictures a wall snapshot carries at most
	wallPictureQ     = 70
)

// Thumbnail decodes a JPEG and encodes it again at most side pixels on
// its longer side, each new pixel the average of the ones it covers. The
// result carries no metadata.
func Thumbnail(photo []byte, side int) ([]byte, error) {
	src, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if m := max(w, h); m > side {
		w, h = max(1, w*side/m), max(1, h*side/m)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		y0, y1 := b.Min.Y+y*b.Dy()/h, b.Min.Y+max((y+1)*b.Dy()/h, y*b.Dy()/h+1)
		for x := range w {
			x0, x1 := b.Min.X+x*b.Dx()/w, b.Min.X+max((x+1)*b.Dx()/w, x*b.Dx()/w+1)
			var r, g, bl, n uint64
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					cr, cg, cb, _ := src.At(sx, sy).RGBA()
					r, g, bl, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), n+1
				}
			}
			dst.Set(x, y, color.RGBA64{uint16(r / n), uint16(g / n), uint16(bl / n), 0xffff})
		}
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: wallPictureQ}); err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	return out.Bytes(), nil
}
