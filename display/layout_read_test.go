package display_test

import (
	"path/filepath"
	"testing"

	"opinionwall/display"
)

// TestLayoutReadAloud checks the screens of a wall kiosk with a speaker,
// whose header has 读给我听 too, on every panel and in every mode: the
// button fits beside the others (on a second row where one is too
// narrow) and nothing is cut or covered.
func TestLayoutReadAloud(t *testing.T) {
	skipUnderRace(t)
	speaker := func(d *display.Deps) { d.ReadAloud = func(lang, text string) {} }
	all := map[string]screen{}
	for _, sc := range residentScreens() {
		all[sc.name] = sc
	}
	for _, size := range sizes {
		for _, m := range modes {
			for _, name := range []string{"home", "topic", "location-street", "words", "review", "code", "submitted", "wall"} {
				sc, ok := all[name]
				if !ok {
					t.Fatalf("no screen %q", name)
				}
				t.Run(sizeName(size)+"/"+m.name+"/"+name, func(t *testing.T) {
					v := newLayoutKiosk(t, size, m, speaker)
					v.T = t
					v.Screen.T = t
					sc.to(v)
					needed := append(append(header(), "nav.read"), sc.needed...)
					checkScreen(t, v, needed, filepath.Join("read", sizeName(size), m.name, name))
				})
			}
		}
	}
}
