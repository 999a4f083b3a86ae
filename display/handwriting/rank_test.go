package handwriting_test

import (
	"slices"
	"testing"

	"opinionwall/display/handwriting"
)

func TestRank(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want string
	}{
		{"component first", "囗口田", "口田囗"},
		{"order kept in each group", "亻人从彳入", "人从入亻彳"},
		{"look-alike proposed in its place", "囗田目", "口田目囗"},
		{"look-alike not twice", "田囗目口", "田目口囗"},
		{"no components", "大太犬", "大太犬"},
		{"only components", "彳亻", "人彳亻"},
		{"none", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var in []handwriting.Candidate
			for _, r := range c.in {
				in = append(in, handwriting.Candidate{Char: string(r)})
			}
			var got []string
			for _, x := range handwriting.Rank(in) {
				got = append(got, x.Char)
			}
			var want []string
			for _, r := range c.want {
				want = append(want, string(r))
			}
			if !slices.Equal(got, want) {
				t.Errorf("Rank(%s) = %v, want %v", c.in, got, want)
			}
		})
	}
}
