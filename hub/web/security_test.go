package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/hub/web"
	"opinionwall/kiosk"
)

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func sessionCookie(t *testing.T, resp *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == web.SessionCookie {
			return c
		}
	}
	return nil
}

// The session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, and a
// log-in never keeps a session the browser brought (fixation).
func TestSessionCookieFlagsAndFixation(t *testing.T) {
	st := newStation(t, 150, nil)
	c := st.client(t)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(st.srv.URL+"/login", url.Values{"id": {"wang"}, "pin": {seed.PIN}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ck := sessionCookie(t, resp)
	if resp.StatusCode != http.StatusSeeOther || ck == nil {
		t.Fatalf("log-in: %d, cookie %v", resp.StatusCode, ck)
	}
	if !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Domain != "" {
		t.Errorf("cookie flags: %+v", ck)
	}
	// An attacker plants a session cookie (their own valid one) before the victim logs in.
	attacker := st.client(t)
	st.login(t, attacker, "chen")
	u, _ := url.Parse(st.srv.URL)
	planted := attacker.Jar.Cookies(u)[0]
	victim := st.client(t)
	victim.CheckRedirect = c.CheckRedirect
	victim.Jar.SetCookies(u, []*http.Cookie{planted})
	resp, err = victim.PostForm(st.srv.URL+"/login", url.Values{"id": {"wang"}, "pin": {seed.PIN}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := sessionCookie(t, resp)
	if got == nil || got.Value == planted.Value {
		t.Fatal("log-in kept the planted session")
	}
	// A forged cookie (changed worker, old signature) is no session.
	forged := &http.Cookie{Name: web.SessionCookie, Value: strings.Replace(got.Value, got.Value[:8], "AAAAAAAA", 1)}
	f := st.client(t)
	f.CheckRedirect = c.CheckRedirect
	f.Jar.SetCookies(u, []*http.Cookie{forged})
	if code, _ := get(t, f, st.srv.URL+"/my"); code != http.StatusSeeOther {
		t.Errorf("forged session: %d, want a redirect to log-in", code)
	}
	// Logging out revokes the session: the old cookie no longer works.
	old := victim.Jar.Cookies(u)
	if _, err := victim.PostForm(st.srv.URL+"/logout", nil); err != nil {
		t.Fatal(err)
	}
	replay := st.client(t)
	replay.CheckRedirect = c.CheckRedirect
	replay.Jar.SetCookies(u, old)
	if code, _ := get(t, replay, st.srv.URL+"/my"); code != http.StatusSeeOther {
		t.Errorf("a logged-out session still works: %d", code)
	}
}

// A form posted from another site is refused (CrossOriginProtection),
// whatever cookie the browser sends with it.
func TestCSRFRefused(t *testing.T) {
	st := newStation(t, 150, nil)
	c := st.client(t)
	st.login(t, c, "wang")
	id := firstOpinion(t, st)
	st.assign(t, id, "wang")
	for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "", "Origin": "https://evil.example"}} {
		req, _ := http.NewRequest("POST", st.srv.URL+"/c/"+id+"/note", strings.NewReader("kind=note&key=csrf1&text=hi"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range h {
			req.Header.Set(k, v)
		}
		if h["Sec-Fetch-Site"] == "" {
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			req.Header.Del("Sec-Fetch-Site")
		}
		resp, err := c.Transport.(sameOrigin).rt.RoundTrip(withCookies(c, req))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%v: %d, want 403", h, resp.StatusCode)
		}
	}
	ns, _ := st.db.Notes(context.Background(), id)
	if len(ns) != 0 {
		t.Errorf("a cross-site post added %d notes", len(ns))
	}
}

func withCookies(c *http.Client, r *http.Request) *http.Request {
	for _, ck := range c.Jar.Cookies(r.URL) {
		r.AddCookie(ck)
	}
	return r
}

// firstOpinion returns an open opinion with a phone number the resident
// agreed to be called on and a building.
func firstOpinion(t testing.TB, st *station) string {
	t.Helper()
	in, err := st.db.Inbox(context.Background(), hub.Filter{Status: kiosk.StatusReceived, Kind: kiosk.KindOpinion, Limit: hub.MaxPage})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range in.Cases {
		_, r, _ := st.db.Case(context.Background(), c.ID)
		if r.Body.Contact != nil && r.Body.Contact.Consent && c.Building != "" {
			return c.ID
		}
	}
	t.Fatal("no opinion with a contact in the seed")
	return ""
}

var phoneRE = regexp.MustCompile(`1[3-9]\d{9}`)

// A volunteer's pages and the public page carry no contact details.
func TestNoContactForVolunteerOrPublic(t *testing.T) {
	st := newStation(t, 150, nil)
	id := firstOpinion(t, st)
	st.assign(t, id, "wang")
	_, r, _ := st.db.Case(context.Background(), id)
	phone := r.Body.Contact.Phone
	lead := st.client(t)
	st.login(t, lead, "zhang")
	if _, body := get(t, lead, st.srv.URL+"/c/"+id); !strings.Contains(body, phone) || !strings.Contains(body, "tel:"+phone) {
		t.Fatalf("the lead's page lacks the phone %s or its call link", phone)
	}
	vol := st.client(t)
	st.login(t, vol, "li")
	c, _, _ := st.db.Case(context.Background(), id)
	for _, u := range []string{"/my", "/c/" + id} {
		code, body := get(t, vol, st.srv.URL+u)
		if code != 200 {
			t.Fatalf("volunteer %s: %d", u, code)
		}
		if m := phoneRE.FindString(body); m != "" || strings.Contains(body, "tel:") {
			t.Errorf("volunteer %s shows a phone %q", u, m)
		}
	}
	anon := st.client(t)
	code, body := get(t, anon, st.srv.URL+"/t/"+c.Ticket)
	if code != 200 {
		t.Fatalf("public page: %d", code)
	}
	if m := phoneRE.FindString(body); m != "" || strings.Contains(body, "tel:") {
		t.Errorf("public page shows a phone %q", m)
	}
}
