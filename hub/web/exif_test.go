package web_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// Phone is the maker the test photos' EXIF names: it must not survive.
const Phone = "PhoneMakerX"

// exifJPEG returns a w×h JPEG whose EXIF (APP1) says the phone's make
// and model, the orientation and a GPS position, as a phone camera writes.
func exifJPEG(t testing.TB, w, h, orientation int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 80, 255})
		}
	}
	for y := 0; y < h/10; y++ { // a red block in the top-left corner as stored
		for x := 0; x < w/10; x++ {
			img.Set(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	app1 := append([]byte("Exif\x00\x00"), tiff(orientation)...)
	var out bytes.Buffer
	out.Write([]byte{0xFF, 0xD8, 0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(app1)+2))
	out.Write(app1)
	out.Write(plain.Bytes()[2:])
	return out.Bytes()
}

// tiff is a little-endian TIFF with IFD0 (Make, Model, Orientation,
// GPSInfo) and a GPS IFD (latitude 22°32'N, longitude 113°56'E).
func tiff(orientation int) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	b.WriteString("II*\x00")
	binary.Write(&b, le, uint32(8))
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // inline when ≤ 4 bytes
	}
	write := func(at int, es []entry, data *bytes.Buffer, dataAt int) []byte {
		var ifd bytes.Buffer
		binary.Write(&ifd, le, uint16(len(es)))
		for _, e := range es {
			binary.Write(&ifd, le, e.tag)
			binary.Write(&ifd, le, e.typ)
			binary.Write(&ifd, le, e.count)
			if len(e.value) <= 4 {
				v := append(append([]byte{}, e.value...), make([]byte, 4-len(e.value))...)
				ifd.Write(v)
			} else {
				binary.Write(&ifd, le, uint32(dataAt+data.Len()))
				data.Write(e.value)
			}
		}
		binary.Write(&ifd, le, uint32(0))
		return ifd.Bytes()
	}
	short := func(v uint16) []byte { x := make([]byte, 2); le.PutUint16(x, v); return x }
	long := func(v uint32) []byte { x := make([]byte, 4); le.PutUint32(x, v); return x }
	rat := func(vs ...uint32) []byte {
		var r []byte
		for _, v := range vs {
			r = append(r, long(v)...)
			r = append(r, long(1)...)
		}
		return r
	}
	// IFD0 at 8: 4 entries → 2+48+4 = 54 bytes, its data after it; the GPS IFD at 300.
	const gpsAt = 300
	var data0 bytes.Buffer
	ifd0 := write(8, []entry{
		{0x010F, 2, uint32(len(Phone) + 1), []byte(Phone + "\x00")},
		{0x0110, 2, 10, []byte("Model 12\x00\x00")},
		{0x0112, 3, 1, short(uint16(orientation))},
		{0x8825, 4, 1, long(gpsAt)},
	}, &data0, 8+54)
	b.Write(ifd0)
	b.Write(data0.Bytes())
	b.Write(make([]byte, gpsAt-b.Len()))
	var dataG bytes.Buffer
	gps := write(gpsAt, []entry{
		{0x0001, 2, 2, []byte("N\x00")},
		{0x0002, 5, 3, rat(22, 32, 0)},
		{0x0003, 2, 2, []byte("E\x00")},
		{0x0004, 5, 3, rat(113, 56, 0)},
	}, &dataG, gpsAt+2+4*12+4)
	b.Write(gps)
	b.Write(dataG.Bytes())
	return b.Bytes()
}

// hasEXIF reports whether a JPEG carries an APP1 (EXIF) segment, or the
// phone's name or the GPS tags' bytes anywhere.
func hasEXIF(b []byte) bool {
	if bytes.Contains(b, []byte("Exif\x00")) || bytes.Contains(b, []byte(Phone)) {
		return true
	}
	for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
		m := b[i+1]
		if m == 0xE1 {
			return true
		}
		if m == 0xDA {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	return false
}
