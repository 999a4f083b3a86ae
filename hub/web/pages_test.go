package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"opinionwall/hub"
	"opinionwall/hub/seed"
)

// Wrong PINs on the web lock the worker out of the review app too, and
// the other way round: both log in through Desk.Login.
func TestPINLockoutSharedWithReviewApp(t *testing.T) {
	st := newStation(t, 150, nil)
	ctx := context.Background()
	c := st.client(t)
	for i := 0; i < hub.MaxPINFailures; i++ {
		resp, err := c.PostForm(st.srv.URL+"/login", url.Values{"id": {"wang"}, "pin": {"9999"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if _, err := st.desk.Login(ctx, "wang", seed.PIN); err == nil {
		t.Fatal("the review app let wang in after 5 wrong PINs on the web")
	}
	code, body := postLogin(t, st, "wang", seed.PIN)
	if code != http.StatusUnauthorized || !strings.Contains(body, "密码错误次数太多") {
		t.Errorf("web log-in while locked: %d", code)
	}
	// The review app's wrong PINs lock chen out of the web.
	for i := 0; i < hub.MaxPINFailures; i++ {
		st.desk.Login(ctx, "chen", "0000")
	}
	if code, _ := postLogin(t, st, "chen", seed.PIN); code != http.StatusUnauthorized {
		t.Errorf("web log-in after the review app's lockout: %d", code)
	}
	if code, _ := postLogin(t, st, "zhang", seed.PIN); code != http.StatusOK {
		t.Errorf("another worker's log-in: %d", code)
	}
}

func postLogin(t *testing.T, st *station, id, pin string) (int, string) {
	t.Helper()
	c := st.client(t)
	resp, err := c.PostForm(st.srv.URL+"/login", url.Values{"id": {id}, "pin": {pin}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

// A note sent twice with the same key (the queue resending after a lost
// answer) is one note; another key is another note.
func TestNoteResendIsTheSameNote(t *testing.T) {
	st := newStation(t, 150, nil)
	id := firstOpinion(t, st)
	st.assign(t, id, "wang")
	c := st.client(t)
	st.login(t, c, "wang")
	for _, key := range []string{"k-1", "k-1", "k-2"} {
		resp, err := c.PostForm(st.srv.URL+"/c/"+id+"/note", url.Values{"kind": {"note"}, "key": {key}, "text": {"楼道灯已修好"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("note %s: %d", key, resp.StatusCode)
		}
	}
	ns, _ := st.db.Notes(context.Background(), id)
	if len(ns) != 2 {
		t.Fatalf("%d notes, want 2", len(ns))
	}
	hist, _ := st.db.History(context.Background(), id)
	audits := 0
	for _, a := range hist {
		if a.Action == hub.ActNote {
			audits++
		}
	}
	if audits != 2 {
		t.Errorf("%d audit records of notes, want 2", audits)
	}
}

// 我的待办: the cases assigned to me first, then the open ones in my
// buildings, each oldest first, no replied or closed case.
func TestMyCasesOrder(t *testing.T) {
	st := newStation(t, 150, nil)
	ctx := context.Background()
	id := firstOpinion(t, st)
	st.assign(t, id, "wang")
	me := hub.Worker{ID: "wang", Role: hub.RoleWorker}
	items, err := st.desk.MyCases(ctx, me)
	if err != nil {
		t.Fatal(err)
	}
	mine, _ := st.db.WorkerBuildings(ctx, "wang")
	if len(items) < 3 || !items[0].Mine || items[0].ID != id {
		t.Fatalf("my cases start %+v", items[:min(len(items), 1)])
	}
	for i, it := range items {
		if !it.Open() || it.Status == "replied" {
			t.Errorf("%d: a %s case", i, it.Status)
		}
		if !it.Mine && !contains(mine, it.Building) {
			t.Errorf("%d: building %s is not wang's %v", i, it.Building, mine)
		}
		if i > 0 && it.Mine == items[i-1].Mine && it.At.Before(items[i-1].At) {
			t.Errorf("%d: not oldest first", i)
		}
		if i > 0 && it.Mine && !items[i-1].Mine {
			t.Errorf("%d: a case of mine after the buildings'", i)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// A lead gives a worker their buildings on the web; a worker cannot.
func TestLeadSetsBuildings(t *testing.T) {
	st := newStation(t, 100, nil)
	lead, grid := st.client(t), st.client(t)
	st.login(t, lead, "zhang")
	st.login(t, grid, "wang")
	resp, err := grid.PostForm(st.srv.URL+"/buildings/chen", url.Values{"buildings": {"1栋"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a worker set buildings: %d", resp.StatusCode)
	}
	resp, err = lead.PostForm(st.srv.URL+"/buildings/chen", url.Values{"buildings": {"2栋，9栋、1栋"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	bs, _ := st.db.WorkerBuildings(context.Background(), "chen")
	if strings.Join(bs, ",") != "1栋,2栋,9栋" {
		t.Errorf("chen's buildings: %v", bs)
	}
	if _, body := get(t, lead, st.srv.URL+"/buildings"); !strings.Contains(body, "1栋，2栋，9栋") {
		t.Error("the buildings page does not show chen's")
	}
}
