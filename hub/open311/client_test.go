package open311_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"opinionwall/hub"
	"opinionwall/hub/open311"
)

// TestClientOtherEndpoints: endpoints that answer a POST with a token
// (asked again for the id) or with numeric ids, as the standard's
// examples do, and errors in the standard's document.
func TestClientOtherEndpoints(t *testing.T) {
	var sawKey string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/v2/requests.json":
			r.ParseForm()
			sawKey = r.Header.Get("Idempotency-Key") + " " + r.PostForm.Get("api_key") + " " + r.PostForm.Get("jurisdiction_id")
			w.Write([]byte(`[{"token":"12345","service_notice":"","account_id":null}]`))
		case r.URL.Path == "/v2/tokens/12345.json" && r.URL.Query().Get("jurisdiction_id") == "sf":
			w.Write([]byte(`[{"service_request_id":638344,"token":"12345"}]`))
		case r.URL.Path == "/v2/requests/638344.json":
			w.Write([]byte(`[{"service_request_id":638344,"status":"closed","status_notes":"Duplicate request.","updated_datetime":"2010-04-14T06:37:38-08:00"}]`))
		default:
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`[{"code":403,"description":"Invalid api_key received"}]`))
		}
	}))
	defer srv.Close()
	c := &open311.Client{}
	u := hub.Upstream{Body: "SF", URL: srv.URL + "/v2/", APIKey: "k", Jurisdiction: "sf", Area: "x"}
	id, err := c.Post(t.Context(), u, hub.Outbound{ServiceCode: "001", Description: "d", Address: "a", Key: "ow-1", Jurisdiction: "sf"})
	if err != nil || id != "638344" || sawKey != "ow-1 k sf" {
		t.Fatalf("post: %q %v (%s)", id, err, sawKey)
	}
	st, err := c.Status(t.Context(), u, id)
	if err != nil || st.Status != "closed" || st.Notes != "Duplicate request." || st.Updated.IsZero() {
		t.Errorf("status: %+v %v", st, err)
	}
	_, err = c.Status(t.Context(), u, "1")
	if err == nil || !strings.Contains(err.Error(), "403") || !strings.Contains(err.Error(), "Invalid api_key received") {
		t.Errorf("error: %v", err)
	}
}
