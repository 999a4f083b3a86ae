package main

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"

	"golang.org/x/text/encoding/simplifiedchinese"

	"opinionwall/display/handwriting"
)

// readMedians reads a character's stroke medians in the unit square, Y
// down: hanzi-writer-data draws in a 1024 box with Y up and the baseline
// at 900.
func readMedians(path string) ([][]handwriting.Point, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d struct {
		Medians [][][2]float64 `json:"medians"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	if len(d.Medians) == 0 {
		return nil, errors.New("no medians")
	}
	out := make([][]handwriting.Point, 0, len(d.Medians))
	for _, m := range d.Medians {
		s := make([]handwriting.Point, 0, len(m))
		for _, p := range m {
			s = append(s, handwriting.Point{X: float32(p[0] / 1024), Y: float32((900 - p[1]) / 1024)})
		}
		out = append(out, s)
	}
	return out, nil
}

// jitter is the character as another hand might write it: the whole a
// little wider or narrower, taller or shorter, sheared and turned (up to
// 15 %, 0.1 and 4°); each stroke moved (up to 4 % of the square) and
// grown or shrunk (10 %); each point off by up to 1 %.
func jitter(strokes [][]handwriting.Point, r *rand.Rand) [][]handwriting.Point {
	u := func(a float64) float64 { return (r.Float64()*2 - 1) * a }
	sx, sy := 1+u(0.15), 1+u(0.15)
	rot, shear := u(4*math.Pi/180), u(0.1)
	cos, sin := math.Cos(rot), math.Sin(rot)
	out := make([][]handwriting.Point, len(strokes))
	for i, s := range strokes {
		dx, dy, k := u(0.04), u(0.04), 1+u(0.1)
		var cx, cy float64
		for _, p := range s {
			cx += float64(p.X) / float64(len(s))
			cy += float64(p.Y) / float64(len(s))
		}
		for _, p := range s {
			x := cx + (float64(p.X)-cx)*k + dx + u(0.01) - 0.5
			y := cy + (float64(p.Y)-cy)*k + dy + u(0.01) - 0.5
			x, y = x*sx+y*shear, y*sy
			x, y = x*cos-y*sin, x*sin+y*cos
			out[i] = append(out[i], handwriting.Point{X: float32(x + 0.5), Y: float32(y + 0.5)})
		}
	}
	return out
}

// densify puts points along each stroke at most step apart, as a finger's
// drag delivers them.
func densify(strokes [][]handwriting.Point, step float64) [][]handwriting.Point {
	out := make([][]handwriting.Point, len(strokes))
	for i, st := range strokes {
		d := []handwriting.Point{st[0]}
		for j := 1; j < len(st); j++ {
			a, b := st[j-1], st[j]
			n := max(1, int(math.Ceil(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y))/step)))
			for k := 1; k <= n; k++ {
				t := float32(k) / float32(n)
				d = append(d, handwriting.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t})
			}
		}
		out[i] = d
	}
	return out
}

// gb2312Level1 is GB2312's 3,755 first-level characters (rows 16–55).
func gb2312Level1() []string {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []string
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo > 0xF9 {
				break
			}
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			out = append(out, string(s))
		}
	}
	return out
}
