package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"opinionwall/hub"
)

func TestMountOnlyUnderOpen311AndOnlyWithAPI(t *testing.T) {
	for _, api := range []bool{false, true} {
		s, err := New(Deps{Desk: &hub.Desk{}, SessionKey: make([]byte, 32), API: api})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Mount("GET /admin", http.NotFoundHandler()); err == nil {
			t.Fatal("mounted outside /open311/")
		}
		ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
		if err := s.Mount("POST /open311/v2/requests.json", ok); err != nil {
			t.Fatal(err)
		}
		// A partner's POST from another site passes: mounted handlers use API keys, not cookies.
		req := httptest.NewRequest("POST", "https://hub.example/open311/v2/requests.json", nil)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if want := map[bool]int{false: 404, true: 200}[api]; rec.Code != want {
			t.Errorf("api %v: %d, want %d", api, rec.Code, want)
		}
	}
}
