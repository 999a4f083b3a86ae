package station_test

import (
	"context"
	"errors"
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
		if d.Desk == nil {
			d.Desk = desk
		}
		d.Catalog, d.ExportDir = cat, t.TempDir()
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

// noTargets is a desk whose targets cannot be read.
type noTargets struct{ station.Desk }

func (noTargets) Targets(context.Context, hub.Worker) (hub.Targets, error) {
	return hub.Targets{}, errors.New("disk I/O error")
}

// TestLoginFailureStaysOnTheStatusLine: what failed to load at log-in (the
// targets here), which no tab loads again, is said again on the status line
// at each tab the worker moves to (a tab's own message may follow it).
func TestLoginFailureStaysOnTheStatusLine(t *testing.T) {
	open, desk := stationOpener(t)
	st, u := open(station.Deps{Desk: noTargets{desk}}, "zhang")
	u.Want("disk I/O error")
	for _, tab := range []station.Tab{station.TabFleet, station.TabStats, station.TabInbox} {
		if tab == station.TabStats { // its loading says its own message
			st.Show(tab)
			continue
		}
		st.Show(tab)
		if !u.Has("disk I/O error") {
			t.Errorf("the failure to read the targets left the status line under tab %d", tab)
		}
	}
}
