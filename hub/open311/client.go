package open311

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"opinionwall/hub"
)

// Client calls a government body's GeoReport v2 endpoint in JSON.
type Client struct {
	HTTP *http.Client // nil: a client with a 30 s timeout
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// maxAnswer is the largest answer read from a body.
const maxAnswer = 1 << 20

// idOf reads a service_request_id or token, which endpoints write as a
// string or a number.
func idOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

type answer struct {
	ID          json.RawMessage `json:"service_request_id"`
	Token       json.RawMessage `json:"token"`
	Status      string          `json:"status"`
	StatusNotes string          `json:"status_notes"`
	Updated     string          `json:"updated_datetime"`
	Code        int             `json:"code"`
	Description string          `json:"description"`
}

// do sends a request and reads the standard's array answer.
func (c *Client) do(req *http.Request) ([]answer, error) {
	resp, err := c.http().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.URL.Redacted(), err)
	}
	var list []answer
	jerr := json.Unmarshal(b, &list)
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		msg := strings.TrimSpace(string(b))
		if jerr == nil && len(list) > 0 && list[0].Description != "" {
			msg = list[0].Description
		}
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return nil, fmt.Errorf("%s %s: %s: %s", req.Method, req.URL.Path, resp.Status, msg)
	}
	if jerr != nil || len(list) == 0 {
		return nil, fmt.Errorf("%s %s: not a GeoReport answer", req.Method, req.URL.Path)
	}
	return list, nil
}

// Post submits the station's request to the body and returns the body's
// service_request_id. The Idempotency-Key makes a resend the same request
// at endpoints that honour it (hubs do).
func (c *Client) Post(ctx context.Context, u hub.Upstream, o hub.Outbound) (string, error) {
	form := url.Values{"api_key": {u.APIKey}, "service_code": {o.ServiceCode}, "description": {o.Description},
		"address_string": {o.Address}}
	if o.Jurisdiction != "" {
		form.Set("jurisdiction_id", o.Jurisdiction)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.URL+"requests.json", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Idempotency-Key", o.Key)
	list, err := c.do(req)
	if err != nil {
		return "", err
	}
	if id := idOf(list[0].ID); id != "" {
		return id, nil
	}
	token := idOf(list[0].Token)
	if token == "" {
		return "", fmt.Errorf("POST requests: neither service_request_id nor token in the answer")
	}
	return c.tokenID(ctx, u, token)
}

// tokenID asks for the request id of a token; an endpoint that has none
// yet is asked again at the next try (the resend is the same request).
func (c *Client) tokenID(ctx context.Context, u hub.Upstream, token string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.URL+"tokens/"+url.PathEscape(token)+".json"+c.query(u), nil)
	if err != nil {
		return "", err
	}
	list, err := c.do(req)
	if err != nil {
		return "", err
	}
	if id := idOf(list[0].ID); id != "" {
		return id, nil
	}
	return "", fmt.Errorf("token %s: no service_request_id yet", token)
}

func (c *Client) query(u hub.Upstream) string {
	if u.Jurisdiction == "" {
		return ""
	}
	return "?" + url.Values{"jurisdiction_id": {u.Jurisdiction}}.Encode()
}

// Status polls the body's request.
func (c *Client) Status(ctx context.Context, u hub.Upstream, id string) (hub.UpstreamStatus, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.URL+"requests/"+url.PathEscape(id)+".json"+c.query(u), nil)
	if err != nil {
		return hub.UpstreamStatus{}, err
	}
	list, err := c.do(req)
	if err != nil {
		return hub.UpstreamStatus{}, err
	}
	a := list[0]
	st := hub.UpstreamStatus{Status: a.Status, Notes: a.StatusNotes}
	st.Updated, _ = time.Parse(time.RFC3339, a.Updated)
	return st, nil
}
