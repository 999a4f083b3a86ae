package deskapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// DefaultSocket is where the service's unit puts the socket
// (deploy/systemd: RuntimeDirectory=opinionwall).
const DefaultSocket = "/run/opinionwall/desk.sock"

// Client calls the service's Desk over its socket: what the review app's
// screens work on (display/station.Desk). It keeps the session of each
// worker who logged in through it; a call for a worker without one is
// refused (EUNAUTHORIZED) by the service. Set Path, then Open.
type Client struct {
	Path    string
	Timeout time.Duration // per call; zero: 30 s
	// Checklist is the station's checklist, read from the service by Open.
	Checklist *hub.Checklist

	http   *http.Client
	mu     sync.Mutex
	tokens map[string]string // worker id → session token
}

// Open connects to the service and reads its checklist: an error here
// says the service is not running, or not reachable by this user.
func (c *Client) Open() error {
	if c.Path == "" {
		c.Path = DefaultSocket
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	var d net.Dialer
	c.http = &http.Client{Timeout: c.Timeout, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return d.DialContext(ctx, "unix", c.Path) },
	}}
	c.tokens = map[string]string{}
	var raw json.RawMessage
	if err := c.call(context.Background(), "", "checklist", nil, &raw); err != nil {
		return fmt.Errorf("the station service at %s: %w (is `hub run` running with -desk-socket %s?)", c.Path, err, c.Path)
	}
	cl, err := hub.ParseChecklist(raw)
	if err != nil {
		return fmt.Errorf("the station service's checklist: %w", err)
	}
	c.Checklist = cl
	return nil
}

// Close ends the sessions opened through the client.
func (c *Client) Close() error {
	c.mu.Lock()
	tokens := c.tokens
	c.tokens = map[string]string{}
	c.mu.Unlock()
	for _, t := range tokens {
		_ = c.call(context.Background(), t, "logout", nil, nil) // the service forgets it at its end anyway
	}
	if c.http != nil {
		c.http.CloseIdleConnections()
	}
	return nil
}

// Login opens a session for the worker.
func (c *Client) Login(ctx context.Context, id, pin string) (hub.Worker, error) {
	var res loginResult
	if err := c.call(ctx, "", "login", loginArgs{ID: id, PIN: pin}, &res); err != nil {
		return hub.Worker{}, err
	}
	c.mu.Lock()
	c.tokens[res.Worker.ID] = res.Token
	c.mu.Unlock()
	return res.Worker, nil
}

// Logout ends the worker's session.
func (c *Client) Logout(ctx context.Context, w hub.Worker) error {
	c.mu.Lock()
	t, ok := c.tokens[w.ID]
	delete(c.tokens, w.ID)
	c.mu.Unlock()
	if !ok {
		return nil
	}
	return c.call(ctx, t, "logout", nil, nil)
}

// Roster returns the workers as the log-in screen shows them.
func (c *Client) Roster(ctx context.Context) ([]hub.Worker, error) {
	var ws []hub.Worker
	return ws, c.call(ctx, "", "roster", nil, &ws)
}

// as calls a method in w's session.
func (c *Client) as(ctx context.Context, w hub.Worker, name string, args, res any) error {
	c.mu.Lock()
	t := c.tokens[w.ID]
	c.mu.Unlock()
	return c.call(ctx, t, name, args, res)
}

// call posts args to the method and decodes its result into res.
func (c *Client) call(ctx context.Context, token, name string, args, res any) error {
	if c.http == nil {
		return kiosk.Errorf(kiosk.EUNAVAILABLE, "desk api client not open")
	}
	body := []byte("{}")
	if args != nil {
		var err error
		if body, err = json.Marshal(args); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://desk/v1/"+name, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return kiosk.WrapError(kiosk.EUNAVAILABLE, err, "the station service does not answer")
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return kiosk.WrapError(kiosk.EUNAVAILABLE, err, "the station service's answer")
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error wireError `json:"error"`
		}
		if json.Unmarshal(b, &e) != nil || e.Error.Code == "" {
			return fmt.Errorf("%s: %s: %s", name, resp.Status, bytes.TrimSpace(b))
		}
		return fromWire(e.Error)
	}
	if res == nil {
		return nil
	}
	if err := json.Unmarshal(b, res); err != nil {
		return fmt.Errorf("%s: the service's answer: %w", name, err)
	}
	return nil
}
