package handwriting

import "math"

// Fill is the share of the recogniser's canvas a character is fitted to:
// Zinnia compares positions on its canvas, and the models' characters fill
// their box, so a character written small or off centre is moved and
// scaled to look like them (and the supplementary model is trained on
// characters fitted the same way).
const Fill = 0.8

// Fitter returns the map that centres the strokes' bounding box on the
// unit square and scales its longer side to Fill, keeping the aspect (a 一
// stays flat). A dot, with no size, is only centred.
func Fitter(strokes [][]Point) func(Point) Point {
	inf := float32(math.Inf(1))
	minX, minY, maxX, maxY := inf, inf, -inf, -inf
	for _, s := range strokes {
		for _, p := range s {
			minX, minY, maxX, maxY = min(minX, p.X), min(minY, p.Y), max(maxX, p.X), max(maxY, p.Y)
		}
	}
	if minX > maxX { // no points
		return func(p Point) Point { return p }
	}
	k := float32(1)
	if side := max(maxX-minX, maxY-minY); side > 0.01 {
		k = Fill / side
	}
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	return func(p Point) Point {
		return Point{X: 0.5 + (p.X-cx)*k, Y: 0.5 + (p.Y-cy)*k}
	}
}
