package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image/jpeg"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/web"
	"opinionwall/kiosk"
)

// The public page is cacheable for a minute, found or not, and limited
// per client address: one address past its burst is refused, another is
// not.
func TestPublicPageCacheAndRateLimit(t *testing.T) {
	st := newStation(t, 200, func(d *web.Deps) { d.PublicPerMinute, d.PublicBurst, d.TrustProxy = 1, 5, true })
	in, _ := st.db.Inbox(context.Background(), hub.Filter{Kind: kiosk.KindOpinion})
	code := in.Cases[0].Ticket
	c := st.client(t)
	fetch := func(addr, path string) *http.Response {
		req, _ := http.NewRequest("GET", st.srv.URL+path, nil)
		req.Header.Set("X-Forwarded-For", "198.51.100.7, "+addr)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for i, path := range []string{"/t/" + code, "/t/123456789"} {
		resp := fetch("203.0.113.1", path)
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=60" || resp.StatusCode != []int{200, 404}[i] {
			t.Errorf("%s: %d, Cache-Control %q", path, resp.StatusCode, cc)
		}
	}
	codes := []int{}
	for i := 0; i < 6; i++ {
		codes = append(codes, fetch("203.0.113.1", "/t/"+code).StatusCode)
	}
	if codes[2] != 200 || codes[5] != http.StatusTooManyRequests {
		t.Errorf("one address, 8 requests in a burst of 5: %v", codes)
	}
	if got := fetch("203.0.113.2", "/t/"+code).StatusCode; got != 200 {
		t.Errorf("another address: %d", got)
	}
}

// A lead puts a worker's photo on the wall: the wall snapshot names it,
// the public page shows it and serves it; a photo not on the wall is not
// served to the public.
func TestWallPhoto(t *testing.T) {
	st := newStation(t, 150, nil)
	ctx := context.Background()
	id := firstOpinion(t, st)
	st.assign(t, id, "wang")
	grid := hub.Worker{ID: "wang", Name: "王刚", Role: hub.RoleWorker}
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	jpg, err := web.Reencode(strings.NewReader(string(exifJPEG(t, 300, 200, 1))), web.MaxPhotoSide)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.desk.AddNote(ctx, grid, id, hub.NoteDraft{Kind: hub.NotePhoto, Key: "p1", Photo: jpg})
	if err != nil {
		t.Fatal(err)
	}
	anon := st.client(t)
	if code, _ := get(t, anon, st.srv.URL+"/t/photo/"+n.Photo); code != 404 {
		t.Errorf("a photo not on the wall served to the public: %d", code)
	}
	if err := st.desk.ShowPhotoOnWall(ctx, grid, id, n.ID, true); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Errorf("a worker put a photo on the wall: %v", err)
	}
	c, _, _ := st.db.Case(ctx, id)
	c, err = st.desk.Act(ctx, grid, id, c.Version, hub.Action{Kind: hub.ActReply, Reply: "已修好"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.desk.Act(ctx, lead, id, c.Version, hub.Action{Kind: hub.ActPublish, WallText: "楼道灯不亮"}); err != nil {
		t.Fatal(err)
	}
	if err := st.desk.ShowPhotoOnWall(ctx, lead, id, n.ID, true); err != nil {
		t.Fatal(err)
	}
	_, raw, _ := st.db.Snapshot(ctx, hub.SnapshotWall)
	var wall kiosk.WallSnapshot
	json.Unmarshal(raw, &wall)
	found := false
	for _, it := range wall.Items {
		if it.ID == id && it.Photo == n.Photo {
			found = true
			// The kiosks' wall shows it small, from the snapshot itself.
			if cfg, err := jpeg.DecodeConfig(bytes.NewReader(it.Picture)); err != nil || max(cfg.Width, cfg.Height) > hub.WallPictureSide {
				t.Errorf("the wall's picture of the work done: %v %+v", err, cfg)
			}
		}
	}
	if !found {
		t.Fatalf("the wall snapshot does not name the photo %s", n.Photo)
	}
	_, page := get(t, anon, st.srv.URL+"/t/"+c.Ticket)
	if !strings.Contains(page, `/t/photo/`+url.PathEscape(n.Photo)) || !strings.Contains(page, "楼道灯不亮") {
		t.Error("the public page lacks the photo or the wall's question")
	}
	if code, body := get(t, anon, st.srv.URL+"/t/photo/"+n.Photo); code != 200 || body != string(jpg) {
		t.Errorf("the wall photo: %d", code)
	}
}

// The hub keeps a public page a minute, as browsers may: a change shows
// once the minute is over.
func TestPublicPageKeptAMinute(t *testing.T) {
	st := newStation(t, 150, nil)
	id := firstOpinion(t, st)
	c := st.assign(t, id, "wang")
	anon := st.client(t)
	if _, body := get(t, anon, st.srv.URL+"/t/"+c.Ticket); !strings.Contains(body, "已派人") {
		t.Fatal("not assigned on the page")
	}
	grid := hub.Worker{ID: "wang", Role: hub.RoleWorker}
	if _, err := st.desk.Act(context.Background(), grid, id, c.Version, hub.Action{Kind: hub.ActStart}); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, anon, st.srv.URL+"/t/"+c.Ticket); strings.Contains(body, "处理中") {
		t.Error("the page changed within the minute")
	}
	st.now = st.now.Add(web.PublicMaxAge + time.Second)
	if _, body := get(t, anon, st.srv.URL+"/t/"+c.Ticket); !strings.Contains(body, "处理中") {
		t.Error("the page did not change after the minute")
	}
}

// A 私事 answered with referrals and an opinion taken into a deliberation
// item: the public page shows both, in either language, and the reply
// masked as on the wall.
func TestPublicPageReferralsAndItem(t *testing.T) {
	st := newStation(t, 150, nil)
	ctx := context.Background()
	id := firstOpinion(t, st)
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	c, _, _ := st.db.Case(ctx, id)
	var private hub.ChecklistClass
	for _, cl := range st.desk.Checklist.Classes {
		if cl.Matter == kiosk.MatterPrivate {
			private = cl
		}
	}
	steps := []hub.Action{
		{Kind: hub.ActTriage, Matter: kiosk.MatterPrivate, Item: private.Items[0].ID},
		{Kind: hub.ActLinkItem, Route: hub.Routing{DelibItem: "it-1", DelibTitle: kiosk.Text{Zh: "楼道照明改造", En: "Stairwell lighting"}}},
		{Kind: hub.ActReply, Reply: "请联系法律援助，电话13912345678", Route: hub.Routing{Referrals: []kiosk.Referral{
			{Name: kiosk.Text{Zh: "街道法律援助站", En: "Legal aid desk"}, Contact: kiosk.Text{Zh: "周二上午", En: "Tuesday mornings"}}}}},
	}
	var err error
	for _, a := range steps {
		if c, err = st.desk.Act(ctx, lead, id, c.Version, a); err != nil {
			t.Fatalf("%s: %v", a.Kind, err)
		}
	}
	anon := st.client(t)
	_, zh := get(t, anon, st.srv.URL+"/t/"+c.Ticket)
	_, en := get(t, anon, st.srv.URL+"/t/"+c.Ticket+"?lang=en")
	for _, want := range []string{"街道法律援助站", "周二上午", "楼道照明改造", "请联系法律援助"} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese page lacks %q", want)
		}
	}
	for _, want := range []string{"Legal aid desk", "Tuesday mornings", "Stairwell lighting"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English page lacks %q", want)
		}
	}
	if strings.Contains(zh, "13912345678") || strings.Contains(en, "13912345678") {
		t.Error("the reply's phone number is on the public page")
	}
}
