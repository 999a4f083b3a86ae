package station_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hub"
)

// stationOpener opens the station app in 1366×768 windows of one test app,
// on the layout world's desk (returned too), logged in as who.
func stationOpener(t *testing.T) (func(d station.Deps, who string) (*station.App, displaytest.Screen), *hub.Desk) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(station.Theme{})
	desk, cat, _ := layoutWorld(t)
	return func(d station.Deps, who string) (*station.App, displaytest.Screen) {
		win := a.NewWindow("station")
		t.Cleanup(win.Close)
		win.Resize(fyne.NewSize(1366, 768))
		d.Desk, d.Catalog, d.ExportDir = desk, cat, t.TempDir()
		st := station.New(win, d)
		if err := st.LogIn(who, "246813"); err != nil {
			t.Fatal(err)
		}
		return st, displaytest.Screen{T: t, Win: win}
	}, desk
}

// TestStatusLineBelongsToItsTab: what one tab said on the status line (the
// statistics' "图表不可用" here) is not left under the next tab chosen.
func TestStatusLineBelongsToItsTab(t *testing.T) {
	open, _ := stationOpener(t)
	st, u := open(station.Deps{}, "zhang")
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
