package station_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/kiosk"
)

// endingDesk is a Desk whose session ends when ended is set, as a client
// of the service finds after the service restarted.
type endingDesk struct {
	*hub.Desk
	ended bool
}

func (d *endingDesk) Inbox(ctx context.Context, w hub.Worker, f hub.Filter) (hub.Inbox, error) {
	if d.ended {
		return hub.Inbox{}, kiosk.Errorf(kiosk.EUNAUTHORIZED, "log in first: no session, or it ended")
	}
	return d.Desk.Inbox(ctx, w, f)
}

// TestSessionEndedBackToLogin: when the service no longer knows the
// worker's session, the app goes back to the log-in and says why, instead
// of refusing every action on a screen that looks logged in.
func TestSessionEndedBackToLogin(t *testing.T) {
	desk, cat, _ := layoutWorld(t)
	d := &endingDesk{Desk: desk}
	a := test.NewTempApp(t)
	win := a.NewWindow("station")
	win.Resize(fyne.NewSize(1400, 900))
	st := station.New(win, station.Deps{Desk: d, Catalog: cat})
	u := displaytest.Screen{T: t, Win: win}
	if err := st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u.Want("王刚（社工/网格员）")
	d.ended = true
	st.Show(station.TabStats)
	st.Show(station.TabInbox) // reloads the inbox: refused
	u.Want("工作人员登录")
	u.Want("登录已失效")
	if st.Me().ID != "" {
		t.Errorf("still logged in as %s", st.Me().ID)
	}
}
