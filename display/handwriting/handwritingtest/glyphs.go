package handwritingtest

import (
	"math"

	"opinionwall/display/handwriting"
)

// p is a point in the unit square given in hundredths of the side.
func p(x, y float32) handwriting.Point { return handwriting.Point{X: x / 100, Y: y / 100} }

// s is a stroke through the given corners.
func s(pts ...handwriting.Point) []handwriting.Point { return pts }

// Glyphs are common characters written as a person writes them on the pad:
// each stroke a polyline through its corners, strokes in the standard
// order and direction, coordinates in the unit square (Y down). Densify
// them to get what a finger drag delivers.
var Glyphs = map[string][][]handwriting.Point{
	"一": {s(p(10, 50), p(90, 50))},
	"二": {s(p(25, 30), p(75, 30)), s(p(10, 75), p(90, 75))},
	"三": {s(p(20, 20), p(80, 20)), s(p(25, 50), p(75, 50)), s(p(10, 82), p(90, 82))},
	"十": {s(p(10, 45), p(90, 45)), s(p(50, 10), p(50, 90))},
	"人": {s(p(50, 10), p(45, 45), p(10, 90)), s(p(48, 40), p(70, 70), p(90, 90))},
	"大": {s(p(10, 35), p(90, 35)), s(p(50, 10), p(45, 50), p(10, 90)), s(p(50, 50), p(70, 75), p(90, 90))},
	"口": {s(p(20, 25), p(20, 80)), s(p(20, 25), p(80, 25), p(80, 80)), s(p(20, 80), p(80, 80))},
	"日": {s(p(25, 10), p(25, 90)), s(p(25, 10), p(75, 10), p(75, 90)), s(p(25, 50), p(75, 50)), s(p(25, 90), p(75, 90))},
	"月": {
		s(p(30, 10), p(30, 60), p(15, 92)), s(p(30, 10), p(75, 10), p(75, 90), p(65, 85)),
		s(p(30, 38), p(75, 38)), s(p(30, 62), p(75, 62)),
	},
	"山": {s(p(50, 10), p(50, 85)), s(p(15, 35), p(15, 85), p(85, 85)), s(p(85, 35), p(85, 85))},
	"水": {
		s(p(50, 10), p(50, 88), p(42, 82)), s(p(15, 35), p(40, 35), p(10, 75)),
		s(p(80, 25), p(55, 50)), s(p(55, 45), p(90, 88)),
	},
	"火": {s(p(20, 30), p(30, 50)), s(p(80, 25), p(65, 50)), s(p(50, 10), p(48, 50), p(10, 90)), s(p(50, 55), p(90, 90))},
	"上": {s(p(50, 10), p(50, 85)), s(p(50, 45), p(80, 45)), s(p(10, 85), p(90, 85))},
	"下": {s(p(10, 15), p(90, 15)), s(p(50, 15), p(50, 90)), s(p(55, 40), p(70, 55))},
	"中": {s(p(20, 30), p(20, 70)), s(p(20, 30), p(80, 30), p(80, 70)), s(p(20, 70), p(80, 70)), s(p(50, 5), p(50, 95))},
	"电": {
		s(p(20, 20), p(20, 65)), s(p(20, 20), p(80, 20), p(80, 65)), s(p(20, 42), p(80, 42)),
		s(p(20, 65), p(80, 65)), s(p(50, 5), p(50, 88), p(90, 88), p(90, 78)),
	},
	"门": {s(p(20, 8), p(28, 20)), s(p(18, 25), p(18, 92)), s(p(40, 15), p(82, 15), p(82, 90), p(72, 85))},
	"车": {s(p(15, 20), p(85, 20)), s(p(45, 5), p(20, 50), p(80, 50)), s(p(10, 75), p(90, 75)), s(p(55, 32), p(55, 95))},
	"小": {s(p(50, 5), p(50, 90), p(42, 84)), s(p(30, 35), p(15, 70)), s(p(70, 35), p(85, 70))},
	"土": {s(p(20, 40), p(80, 40)), s(p(50, 10), p(50, 85)), s(p(10, 85), p(90, 85))},
	"王": {s(p(20, 15), p(80, 15)), s(p(25, 50), p(75, 50)), s(p(50, 15), p(50, 85)), s(p(10, 85), p(90, 85))},
	"工": {s(p(20, 15), p(80, 15)), s(p(50, 15), p(50, 85)), s(p(10, 85), p(90, 85))},
	"木": {s(p(10, 35), p(90, 35)), s(p(50, 5), p(50, 95)), s(p(50, 35), p(15, 80)), s(p(50, 35), p(85, 80))},
	"川": {s(p(20, 10), p(20, 50), p(10, 90)), s(p(50, 20), p(50, 75)), s(p(80, 10), p(80, 95))},
}

// ModelOrder are characters Tegaki's model alone recognises only when
// their strokes come in an order other than the standard one (the
// standard-order model supplements it for them, see docs/BENCHMARKS.md):
// the same polylines as in Glyphs, reordered.
var ModelOrder = map[string][]int{
	"山": {1, 2, 0},    // 𠃊, the right 丨, then the middle 丨
	"水": {1, 0, 2, 3}, // the left ㇇ before the middle 亅
	"火": {2, 3, 0, 1}, // 人 first, the two dots after
}

// Order is the characters of Glyphs in a fixed order, for tables.
var Order = []string{
	"一", "二", "三", "十", "人", "大", "口", "日", "月", "山", "水", "火", "上", "下", "中", "电", "门", "车",
	"小", "土", "王", "工", "木", "川",
}

// Reorder returns strokes in the given order.
func Reorder(strokes [][]handwriting.Point, order []int) [][]handwriting.Point {
	out := make([][]handwriting.Point, 0, len(order))
	for _, i := range order {
		out = append(out, strokes[i])
	}
	return out
}

// Densify puts points along each stroke at most step apart (in the unit
// square), as a finger's drag events would.
func Densify(strokes [][]handwriting.Point, step float32) [][]handwriting.Point {
	out := make([][]handwriting.Point, len(strokes))
	for i, st := range strokes {
		if len(st) == 0 {
			continue
		}
		d := []handwriting.Point{st[0]}
		for j := 1; j < len(st); j++ {
			a, b := st[j-1], st[j]
			n := int(math.Ceil(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y)) / float64(step)))
			for k := 1; k <= n; k++ {
				t := float32(k) / float32(n)
				d = append(d, handwriting.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t})
			}
		}
		out[i] = d
	}
	return out
}
