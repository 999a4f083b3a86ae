package deskapi

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Session limits.
const (
	DefaultSessionTTL = 12 * time.Hour // a long shift
	DefaultIdleTTL    = 2 * time.Hour
	maxBody           = 32 << 20 // a photo with its step
)

// Server serves a Desk on a unix socket. Set the fields, then Open.
type Server struct {
	Desk *hub.Desk
	// Checklist is the station's checklist file as the service read it,
	// served to clients (the case screen's classes and items).
	Checklist []byte
	// Path is the socket's path; its directory is made if missing. The
	// socket is 0666: any local user may reach it, and a worker's PIN
	// opens a session.
	Path string
	Log  *slog.Logger
	// SessionTTL and IdleTTL bound a session; zero: the defaults.
	SessionTTL, IdleTTL time.Duration
	// Now is the clock of the sessions; nil: time.Now.
	Now func() time.Time

	mu       sync.Mutex
	sessions map[string]*session
	ln       net.Listener
	srv      *http.Server
	done     chan struct{}
}

// session is a worker's log-in.
type session struct {
	worker   string
	start    time.Time
	lastUsed time.Time
	peer     string
}

// Open listens on Path and serves until Close. A socket left by a
// service that died is replaced; one another service still answers on
// is an error.
func (s *Server) Open() error {
	if s.Desk == nil || s.Path == "" {
		return fmt.Errorf("desk api: a Desk and a socket path are needed")
	}
	if s.Log == nil {
		s.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.SessionTTL == 0 {
		s.SessionTTL = DefaultSessionTTL
	}
	if s.IdleTTL == 0 {
		s.IdleTTL = DefaultIdleTTL
	}
	s.sessions = map[string]*session{}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o755); err != nil {
		return fmt.Errorf("desk api: %w", err)
	}
	if c, err := net.DialTimeout("unix", s.Path, time.Second); err == nil {
		c.Close()
		return fmt.Errorf("desk api: another service answers on %s", s.Path)
	}
	if err := os.Remove(s.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("desk api: %w", err)
	}
	ln, err := net.Listen("unix", s.Path)
	if err != nil {
		return fmt.Errorf("desk api: %w", err)
	}
	if err := os.Chmod(s.Path, 0o666); err != nil {
		ln.Close()
		return fmt.Errorf("desk api: %w", err)
	}
	s.ln = ln
	s.srv = &http.Server{Handler: s, ConnContext: withPeer, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 5 * time.Minute}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Log.Error("desk api stopped", "err", err)
		}
	}()
	s.Log.Info("desk api listening", "socket", s.Path)
	return nil
}

// Close stops serving, ends every session and removes the socket.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	<-s.done
	s.srv = nil
	s.mu.Lock()
	s.sessions = map[string]*session{}
	s.mu.Unlock()
	if rerr := os.Remove(s.Path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
		err = rerr
	}
	return err
}

// ServeHTTP answers POST /v1/METHOD.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, "/v1/")
	if r.Method != http.MethodPost || !ok {
		http.Error(w, "POST /v1/METHOD", http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err == nil && len(body) > maxBody {
		err = kiosk.Errorf(kiosk.EINVALID, "a request of over %d bytes", maxBody)
	}
	var res any
	if err == nil {
		res, err = s.call(r.Context(), name, bearer(r), body)
	}
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		we := toWire(err)
		w.WriteHeader(httpStatus(we.Code))
		_ = json.NewEncoder(w).Encode(struct {
			Error wireError `json:"error"`
		}{we})
		return
	}
	_ = json.NewEncoder(w).Encode(res)
}

func bearer(r *http.Request) string {
	t, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return strings.TrimSpace(t)
}

// call runs one method: the log-in and what needs no one logged in, or a
// method of the Desk for the session's worker.
func (s *Server) call(ctx context.Context, name, token string, body []byte) (any, error) {
	switch name {
	case "login":
		return s.login(ctx, body)
	case "logout":
		s.mu.Lock()
		delete(s.sessions, token)
		s.mu.Unlock()
		return struct{}{}, nil
	case "roster":
		return s.Desk.Roster(ctx)
	case "checklist":
		return json.RawMessage(s.Checklist), nil
	}
	m, ok := methods[name]
	if !ok {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no method %q", name)
	}
	me, err := s.worker(ctx, token)
	if err != nil {
		return nil, err
	}
	return m(ctx, s.Desk, me, body)
}

type loginArgs struct {
	ID  string `json:"id"`
	PIN string `json:"pin"`
}

type loginResult struct {
	Token  string     `json:"token"`
	Worker hub.Worker `json:"worker"`
}

func (s *Server) login(ctx context.Context, body []byte) (any, error) {
	var a loginArgs
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, kiosk.WrapError(kiosk.EINVALID, err, "login")
	}
	peer := peerOf(ctx)
	w, err := s.Desk.Login(ctx, a.ID, a.PIN)
	if err != nil {
		s.Log.Warn("desk api: log-in refused", "worker", a.ID, "peer", peer, "err", err)
		return nil, err
	}
	b := make([]byte, 32)
	rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now()
	s.mu.Lock()
	s.sessions[token] = &session{worker: w.ID, start: now, lastUsed: now, peer: peer}
	s.mu.Unlock()
	s.Log.Info("desk api: logged in", "worker", w.ID, "role", w.Role, "peer", peer)
	w.PINHash = ""
	return loginResult{Token: token, Worker: w}, nil
}

// worker returns the worker of a live session, as the store has them now.
func (s *Server) worker(ctx context.Context, token string) (hub.Worker, error) {
	now := s.Now()
	s.mu.Lock()
	se, ok := s.sessions[token]
	if ok && (now.Sub(se.start) >= s.SessionTTL || now.Sub(se.lastUsed) >= s.IdleTTL) {
		delete(s.sessions, token)
		ok = false
	}
	if ok {
		se.lastUsed = now
	}
	s.mu.Unlock()
	if token == "" || !ok {
		return hub.Worker{}, errNoSession
	}
	ws, err := s.Desk.Roster(ctx)
	if err != nil {
		return hub.Worker{}, err
	}
	for _, w := range ws {
		if w.ID == se.worker {
			return w, nil
		}
	}
	s.mu.Lock()
	delete(s.sessions, token)
	s.mu.Unlock()
	return hub.Worker{}, errNoSession
}
