package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/open311"
	"opinionwall/kiosk"
)

// seeded are the cases of the privacy test and what of them is private.
type seeded struct {
	published, unpublished, big hub.Case
	private                     []string // phones, names, texts never published
	public                      []string // what was published
}

func seed(t *testing.T, s *station) seeded {
	var z seeded
	z.published = s.opinion(t, 1, "sanitation", "12栋", "垃圾站太臭了 王秀英 13812345678", &kiosk.Contact{Name: "王秀英", Phone: "13812345678", Consent: true})
	s.act(t, z.published.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
	s.act(t, z.published.ID, hub.Action{Kind: hub.ActReply, Reply: "已安排每日清运两次"})
	z.published = s.act(t, z.published.ID, hub.Action{Kind: hub.ActPublish, WallText: "垃圾站异味大"})
	z.unpublished = s.opinion(t, 2, "neighbours", "7栋", "楼上赵铁柱半夜装修 0755-23456789", nil)
	s.act(t, z.unpublished.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterPrivate})
	z.unpublished = s.act(t, z.unpublished.ID, hub.Action{Kind: hub.ActReply, Reply: "赵铁柱家已答应晚十点后停工"})
	z.big = s.opinion(t, 3, "safety", "3栋", "502室电线老化冒火花 张三 13912345678", &kiosk.Contact{Name: "张三", Phone: "13912345678", Consent: true})
	s.act(t, z.big.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"})
	z.big = s.act(t, z.big.ID, hub.Action{Kind: hub.ActRoute, Route: hub.Routing{GovBody: "街道安监办", Due: s.now.AddDate(0, 0, 7)}})
	z.private = []string{"13812345678", "王秀英", "垃圾站太臭了", "12栋", "赵铁柱", "23456789", "半夜装修", "晚十点后停工",
		"13912345678", "张三", "电线老化", "502", "3栋", "7栋", "13700001111", "李四", "楼道堆满纸箱"}
	z.public = []string{"垃圾站异味大", "已安排每日清运两次", "街道安监办", z.published.Ticket, z.big.Ticket}
	return z
}

// TestNothingPrivateLeaves fetches every resource in both formats (and a
// partner's POST answer) and looks through the whole of each answer for
// the seeded residents' phones, names, buildings and unpublished text.
func TestNothingPrivateLeaves(t *testing.T) {
	s := newStation(t)
	z := seed(t, s)
	form := url.Values{"api_key": {s.key}, "service_code": {"sanitation"}, "description": {"楼道堆满纸箱 李四"},
		"address_string": {"9栋"}, "first_name": {"四"}, "last_name": {"李"}, "phone": {"13700001111"}}
	var all strings.Builder
	for _, f := range []string{"json", "xml"} {
		code, body := post(t, s.base+"requests."+f, form, "t-"+f)
		if code != http.StatusOK {
			t.Fatalf("POST requests.%s: %d %s", f, code, body)
		}
		all.WriteString(body)
	}
	var created []struct {
		ID    string `json:"service_request_id"`
		Token string `json:"token"`
	}
	_, body := post(t, s.base+"requests.json", form, "t-json")
	if err := json.Unmarshal([]byte(body), &created); err != nil || len(created) != 1 {
		t.Fatalf("POST answer %s: %v", body, err)
	}
	paths := []string{"services", "services/sanitation", "requests", "requests?status=open", "requests?status=closed",
		"requests?service_code=sanitation,safety", "requests?start_date=2026-11-01T00:00:00%2B08:00",
		"requests?service_request_id=" + z.published.Ticket + "," + z.unpublished.Ticket + "," + z.big.Ticket + "," + created[0].ID,
		"requests/" + z.published.Ticket, "requests/" + z.unpublished.Ticket, "requests/" + z.big.Ticket,
		"requests/" + created[0].ID, "tokens/" + created[0].Token}
	for _, p := range paths {
		for _, f := range []string{".json", ".xml"} {
			path, query, _ := strings.Cut(p, "?")
			code, body := get(t, s.base+path+f+"?"+query)
			if code != http.StatusOK {
				t.Fatalf("GET %s%s: %d %s", path, f, code, body)
			}
			all.WriteString(body)
		}
	}
	out := all.String()
	for _, p := range z.private {
		if strings.Contains(out, p) {
			t.Errorf("%q left the station", p)
		}
	}
	for _, p := range z.public {
		if !strings.Contains(out, p) {
			t.Errorf("%q, published, is not in any answer", p)
		}
	}
}

type reqJSON struct {
	ID          string `json:"service_request_id"`
	Status      string `json:"status"`
	StatusNotes string `json:"status_notes"`
	ServiceCode string `json:"service_code"`
	Description string `json:"description"`
	Agency      string `json:"agency_responsible"`
	Expected    string `json:"expected_datetime"`
}

func requests(t *testing.T, s *station, query string) []reqJSON {
	t.Helper()
	code, body := get(t, s.base+"requests.json?"+query)
	if code != http.StatusOK {
		t.Fatalf("requests?%s: %d %s", query, code, body)
	}
	var rs []reqJSON
	if err := json.Unmarshal([]byte(body), &rs); err != nil {
		t.Fatalf("requests?%s: %v: %s", query, err, body)
	}
	return rs
}

func ids(rs []reqJSON) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return strings.Join(out, ",")
}

func TestRequestsFilters(t *testing.T) {
	s := newStation(t)
	z := seed(t, s)
	closed := s.act(t, z.unpublished.ID, hub.Action{Kind: hub.ActClose})
	cases := []struct {
		name, query, want string
	}{
		{"all, newest first", "", z.big.Ticket + "," + z.unpublished.Ticket + "," + z.published.Ticket},
		{"open", "status=open", z.big.Ticket + "," + z.published.Ticket},
		{"closed", "status=closed", closed.Ticket},
		{"open and closed", "status=open,closed", z.big.Ticket + "," + z.unpublished.Ticket + "," + z.published.Ticket},
		{"service", "service_code=safety", z.big.Ticket},
		{"services", "service_code=safety,sanitation", z.big.Ticket + "," + z.published.Ticket},
		{"ids ignore the others", "service_request_id=" + z.published.Ticket + "&status=closed", z.published.Ticket},
		{"start after all", "start_date=2026-11-29T19:00:00%2B08:00", ""},
		{"end before all", "start_date=2026-11-01T00:00:00Z&end_date=2026-11-29T09:00:00Z", ""},
		{"window", "start_date=2026-11-29T09:00:00Z&end_date=2026-11-30T00:00:00Z", z.big.Ticket + "," + z.unpublished.Ticket + "," + z.published.Ticket},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ids(requests(t, s, c.query)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
	rs := requests(t, s, "service_request_id="+z.big.Ticket)
	if r := rs[0]; r.Agency != "街道安监办" || r.Expected == "" || r.Status != "open" || r.Description != "" || r.StatusNotes != "已分类" {
		t.Errorf("大事 request: %+v", r)
	}
	rs = requests(t, s, "service_request_id="+z.published.Ticket)
	if r := rs[0]; r.Description != "垃圾站异味大" || r.StatusNotes != "已安排每日清运两次" || r.Agency != "" {
		t.Errorf("published request: %+v", r)
	}
	if got := requests(t, s, "service_request_id="+closed.Ticket)[0]; got.Status != "closed" {
		t.Errorf("closed case: %+v", got)
	}
	for _, bad := range []string{"status=done", "start_date=yesterday", "service_request_id=123456789",
		"start_date=2026-11-30T00:00:00Z&end_date=2026-11-29T00:00:00Z", "jurisdiction_id=elsewhere"} {
		if code, body := get(t, s.base+"requests.json?"+bad); code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("%s: %d %s", bad, code, body)
		}
	}
}

func TestRequestNotFoundAlike(t *testing.T) {
	s := newStation(t)
	z := seed(t, s)
	codec, _ := kiosk.NewTicketCodec(12, "k1")
	unknown := codec.Code(999)
	wrong := z.big.Ticket[:8] + string(rune('0'+(z.big.Ticket[8]-'0'+1)%10))
	_, a := get(t, s.base+"requests/"+unknown+".json")
	code, b := get(t, s.base+"requests/"+wrong+".json")
	if code != http.StatusNotFound || strings.Replace(a, unknown, "X", 1) != strings.Replace(b, wrong, "X", 1) {
		t.Errorf("unknown %s and wrong %s differ: %s / %d %s", unknown, wrong, a, code, b)
	}
}

func TestPartnerPost(t *testing.T) {
	s := newStation(t)
	ctx := t.Context()
	form := url.Values{"api_key": {s.key}, "service_code": {"infrastructure"}, "description": {"路灯不亮 请回电 13700001111"},
		"address_string": {"15栋"}, "first_name": {"四"}, "last_name": {"李"}, "phone": {"13700001111"}, "jurisdiction_id": {"dahe.longhua.sz"}}
	code, body := post(t, s.base+"requests.json", form, "call-1")
	var got []struct {
		ID    string `json:"service_request_id"`
		Token string `json:"token"`
	}
	if err := json.Unmarshal([]byte(body), &got); code != http.StatusOK || err != nil || len(got) != 1 {
		t.Fatalf("POST: %d %s", code, body)
	}
	if _, err := kiosk.ParseTicket(got[0].ID); err != nil || !strings.HasPrefix(got[0].ID, "98") {
		t.Errorf("id %s is not a receipt code of the key's number 98: %v", got[0].ID, err)
	}
	c, r, err := s.db.Case(ctx, got[0].Token)
	if err != nil {
		t.Fatal(err)
	}
	if c.Ticket != got[0].ID || c.Kiosk != "partner-hotline" || c.Status != kiosk.StatusReceived || c.Building != "15栋" ||
		r.Body.Channel != hub.ChannelPartner || r.Body.Contact == nil || r.Body.Contact.Name != "李四" || r.Body.Contact.Phone != "13700001111" {
		t.Errorf("stored %+v %+v", c, r.Body)
	}
	// The resend (a lost answer) is the same request; another key is another.
	code, again := post(t, s.base+"requests.json", form, "call-1")
	if code != http.StatusOK || again != body {
		t.Errorf("resend: %d %s, want %s", code, again, body)
	}
	_, other := post(t, s.base+"requests.json", form, "call-2")
	if other == body {
		t.Errorf("a new Idempotency-Key gave the same request")
	}
	in, err := s.db.Inbox(ctx, hub.Filter{})
	if err != nil || in.Total != 2 {
		t.Errorf("inbox holds %d cases, want 2 (%v)", in.Total, err)
	}
	code, tok := get(t, s.base+"tokens/"+got[0].Token+".xml")
	if code != http.StatusOK || !strings.Contains(tok, "<service_request_id>"+got[0].ID+"</service_request_id>") {
		t.Errorf("token: %d %s", code, tok)
	}
}

func TestPartnerRefused(t *testing.T) {
	s := newStation(t)
	ok := url.Values{"api_key": {s.key}, "service_code": {"infrastructure"}, "description": {"路灯不亮"}, "address_string": {"15栋"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for n, vs := range ok {
			f[n] = vs
		}
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
		return f
	}
	id, _, _ := hub.SplitAPIKey(s.key)
	cases := []struct {
		name string
		form url.Values
		code int
	}{
		{"no key", with("api_key", ""), http.StatusForbidden},
		{"wrong secret", with("api_key", id+".wrong"), http.StatusForbidden},
		{"unknown key", with("api_key", "nobody.secret"), http.StatusForbidden},
		{"unknown service", with("service_code", "potholes"), http.StatusBadRequest},
		{"no description", with("description", ""), http.StatusBadRequest},
		{"no address", with("address_string", ""), http.StatusBadRequest},
		{"email not kept", with("email", "li@example.com"), http.StatusBadRequest},
		{"lat not kept", with("lat", "22.6"), http.StatusBadRequest},
		{"bad phone", with("phone", "12"), http.StatusBadRequest},
		{"name without phone", with("first_name", "四"), http.StatusBadRequest},
		{"other jurisdiction", with("jurisdiction_id", "elsewhere"), http.StatusNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body := post(t, s.base+"requests.xml", c.form, "")
			var e struct {
				Errors []struct {
					Code        int    `xml:"code"`
					Description string `xml:"description"`
				} `xml:"error"`
			}
			if err := xml.Unmarshal([]byte(body), &e); err != nil || code != c.code || len(e.Errors) != 1 || e.Errors[0].Code != c.code || e.Errors[0].Description == "" {
				t.Errorf("got %d %s, want %d with an errors document", code, body, c.code)
			}
		})
	}
	if in, _ := s.db.Inbox(t.Context(), hub.Filter{}); in.Total != 0 {
		t.Errorf("refused requests stored %d cases", in.Total)
	}
	// A revoked key stops working.
	if err := s.db.RevokeAPIKey(t.Context(), id, s.now, hub.Audit{Case: "apikey:" + id, Worker: "admin", At: s.now, Action: "apikey_revoke"}); err != nil {
		t.Fatal(err)
	}
	s.now = s.now.Add(time.Second)
	if code, body := post(t, s.base+"requests.json", ok, ""); code != http.StatusForbidden {
		t.Errorf("revoked key: %d %s", code, body)
	}
}

func TestRateLimits(t *testing.T) {
	s := newStation(t)
	k, secret, _ := hub.NewAPIKey("slow", "街道平台", 97, 3, s.now)
	if err := s.db.PutAPIKey(t.Context(), k, hub.Audit{Case: "apikey:slow", Worker: "admin", At: s.now, Action: "apikey_add"}); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"api_key": {secret}, "service_code": {"infrastructure"}, "description": {"路灯不亮"}, "address_string": {"15栋"}}
	var codes []int
	for range 4 {
		code, _ := post(t, s.base+"requests.json", form, "")
		codes = append(codes, code)
	}
	if codes[2] != http.StatusOK || codes[3] != http.StatusTooManyRequests {
		t.Errorf("a key of 3 a minute: %v", codes)
	}
	s.now = s.now.Add(time.Minute)
	if code, body := post(t, s.base+"requests.json", form, ""); code != http.StatusOK {
		t.Errorf("a minute later: %d %s", code, body)
	}
}

// TestAbuse: a body over 64 KiB is refused unread; one address asking
// too often is slowed down whatever it asks.
func TestAbuse(t *testing.T) {
	s := newStation(t)
	big := url.Values{"api_key": {s.key}, "service_code": {"sanitation"}, "description": {strings.Repeat("长", 40000)}, "address_string": {"1栋"}}
	if code, body := post(t, s.base+"requests.json", big, ""); code != http.StatusBadRequest || !strings.Contains(body, "unreadable") {
		t.Errorf("a 120 KB form: %d %s", code, body)
	}
	slow := httptest.NewServer(&open311.Server{GeoReport: s.geo, Prefix: open311.Prefix, PerMinute: 5})
	defer slow.Close()
	var codes []int
	for range 6 {
		code, _ := get(t, slow.URL+open311.Prefix+"services.json")
		codes = append(codes, code)
	}
	if codes[4] != http.StatusOK || codes[5] != http.StatusTooManyRequests {
		t.Errorf("5 a minute from one address: %v", codes)
	}
	if in, _ := s.db.Inbox(t.Context(), hub.Filter{}); in.Total != 0 {
		t.Errorf("stored %d cases", in.Total)
	}
}

func TestRouting(t *testing.T) {
	s := newStation(t)
	req, _ := http.NewRequest(http.MethodDelete, s.base+"requests.json", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" {
		t.Errorf("DELETE: %d %v", resp.StatusCode, resp.Header)
	}
	for _, p := range []string{"requests.html", "requests", "nothing.json", "services/none.xml", "tokens/none.json"} {
		if code, body := get(t, s.base+p); code != http.StatusNotFound || !strings.Contains(body, `"code":404`) && !strings.Contains(body, "<code>404</code>") {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
}
