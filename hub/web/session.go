package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"opinionwall/hub"
)

// Sessions are signed cookies: the session's random id, the worker and
// its end, with an HMAC-SHA256 over them under the station's key. The
// cookie is __Host- (Secure, Path=/, no Domain: no other host or subdomain
// can plant it), HttpOnly (no script reads it) and SameSite=Lax. A log-in
// always makes a new session id, so a cookie planted before it (fixation)
// never becomes a logged-in session; logging out revokes the id.

// SessionCookie is the session cookie's name.
const SessionCookie = "__Host-ow_session"

// SessionLife is how long a session lasts (a working day).
const SessionLife = 12 * time.Hour

type session struct {
	ID     string `json:"sid"`
	Worker string `json:"w"`
	Exp    int64  `json:"exp"`
}

// sessions signs and checks session cookies and keeps the revoked ids.
type sessions struct {
	key []byte

	mu      sync.Mutex
	revoked map[string]int64 // id → its end
}

func (ss *sessions) sign(s session) string {
	b, _ := json.Marshal(s)
	p := base64.RawURLEncoding.EncodeToString(b)
	return p + "." + base64.RawURLEncoding.EncodeToString(ss.mac(p))
}

func (ss *sessions) mac(p string) []byte {
	m := hmac.New(sha256.New, ss.key)
	m.Write([]byte(p))
	return m.Sum(nil)
}

// open returns the session in a cookie value if its signature holds and
// it has not ended or been revoked.
func (ss *sessions) open(v string, now time.Time) (session, bool) {
	p, sig, ok := strings.Cut(v, ".")
	if !ok {
		return session{}, false
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, ss.mac(p)) {
		return session{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(p)
	var s session
	if err != nil || json.Unmarshal(b, &s) != nil || s.ID == "" || now.Unix() >= s.Exp {
		return session{}, false
	}
	ss.mu.Lock()
	_, gone := ss.revoked[s.ID]
	ss.mu.Unlock()
	return s, !gone
}

// start sets a new session's cookie for the worker.
func (ss *sessions) start(w http.ResponseWriter, worker string, now time.Time) {
	id := make([]byte, 16)
	rand.Read(id)
	s := session{ID: hex.EncodeToString(id), Worker: worker, Exp: now.Add(SessionLife).Unix()}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: ss.sign(s), Path: "/", MaxAge: int(SessionLife / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// end revokes the session and clears its cookie.
func (ss *sessions) end(w http.ResponseWriter, s session, now time.Time) {
	ss.mu.Lock()
	if ss.revoked == nil {
		ss.revoked = map[string]int64{}
	}
	for id, exp := range ss.revoked {
		if exp <= now.Unix() {
			delete(ss.revoked, id)
		}
	}
	ss.revoked[s.ID] = s.Exp
	ss.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// me returns the logged-in worker of the request, as the roster has them
// now (a removed worker or a changed role counts at once).
func (s *Server) me(r *http.Request) (hub.Worker, session, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return hub.Worker{}, session{}, false
	}
	ses, ok := s.sessions.open(c.Value, s.deps.Now())
	if !ok {
		return hub.Worker{}, session{}, false
	}
	w, ok := s.worker(r.Context(), ses.Worker)
	return w, ses, ok
}

func (s *Server) worker(ctx context.Context, id string) (hub.Worker, bool) {
	ws, err := s.deps.Desk.Roster(ctx)
	if err != nil {
		return hub.Worker{}, false
	}
	for _, w := range ws {
		if w.ID == id {
			return w, true
		}
	}
	return hub.Worker{}, false
}

// signedIn wraps a page for logged-in workers; others go to the log-in page.
func (s *Server) signedIn(h func(http.ResponseWriter, *http.Request, hub.Worker)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		me, _, ok := s.me(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			s.fail(w, r, Zh, http.StatusUnauthorized, "login.title")
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h(w, r, me)
	}
}
