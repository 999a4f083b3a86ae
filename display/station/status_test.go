package station_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
)

// TestStatusLineBelongsToItsTab: what one tab said on the status line (the
// statistics' "图表不可用" here) is not left under the next tab chosen.
func TestStatusLineBelongsToItsTab(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(station.Theme{})
	desk, cat, _ := layoutWorld(t)
	win := a.NewWindow("station")
	t.Cleanup(win.Close)
	win.Resize(fyne.NewSize(1366, 768))
	st := station.New(win, station.Deps{Desk: desk, Catalog: cat, ExportDir: t.TempDir()})
	if err := st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := displaytest.Screen{T: t, Win: win}
	st.Show(station.TabStats)
	u.Want("图表不可用")
	for _, tab := range []station.Tab{station.TabInbox, station.TabFleet, station.TabPolls} {
		st.Show(tab)
		if u.Has("图表不可用") {
			t.Errorf("the statistics' message is still on the status line under tab %d", tab)
		}
		st.Show(station.TabStats)
	}
}
