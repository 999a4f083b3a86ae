//go:build cgo

package main

import (
	"math/rand/v2"
	"testing"

	"opinionwall/display/handwriting"
)

func TestGB2312Level1(t *testing.T) {
	chars := gb2312Level1()
	seen := map[string]bool{}
	for _, c := range chars {
		seen[c] = true
	}
	if len(chars) != 3755 || len(seen) != 3755 || chars[0] != "啊" || chars[len(chars)-1] != "座" {
		t.Errorf("got %d characters (%d distinct) from %s to %s; want the 3,755 of 啊 to 座", len(chars), len(seen), chars[0], chars[len(chars)-1])
	}
}

// hanzi-writer-data's box has Y up with the baseline at 900: a stroke at
// y=388 is in the middle of the square, Y down.
func TestReadMedians(t *testing.T) {
	got, err := readMedians("testdata/一.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []handwriting.Point{{X: 100.0 / 1024, Y: 0.5}, {X: 924.0 / 1024, Y: 0.5}}
	if len(got) != 1 || len(got[0]) != 2 || got[0][0] != want[0] || got[0][1] != want[1] {
		t.Errorf("got %v, want [%v]", got, want)
	}
	if _, err := readMedians("testdata/none.json"); err == nil {
		t.Error("a missing file gave no error")
	}
}

// The jitter keeps each stroke's points and moves them only a little.
func TestJitter(t *testing.T) {
	in := [][]handwriting.Point{{{X: 0.1, Y: 0.5}, {X: 0.9, Y: 0.5}}, {{X: 0.5, Y: 0.1}, {X: 0.5, Y: 0.9}}}
	out := jitter(in, rand.New(rand.NewPCG(1, 2)))
	for i := range in {
		if len(out[i]) != len(in[i]) {
			t.Fatalf("stroke %d has %d points, want %d", i, len(out[i]), len(in[i]))
		}
		for j, p := range out[i] {
			if dx, dy := p.X-in[i][j].X, p.Y-in[i][j].Y; dx*dx+dy*dy > 0.2*0.2 {
				t.Errorf("stroke %d point %d moved from %v to %v", i, j, in[i][j], p)
			}
		}
	}
}
