package web

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"opinionwall/hub"
)

// PublicMaxAge is how long browsers and proxies may keep a public page.
const PublicMaxAge = time.Minute

type publicPage struct {
	page
	P *hub.PublicTicket
}

// public serves the status page of a receipt code: Chinese, or English
// with ?lang=en. An unknown code and a code that is not one get the same
// page; both are cached for a minute like a found one.
func (s *Server) public(w http.ResponseWriter, r *http.Request) {
	if !s.limit.allow(s.clientAddr(r), s.deps.Now()) {
		w.Header().Set("Retry-After", "60")
		http.Error(w, Zh.T("err.busy")+" / "+En.T("err.busy"), http.StatusTooManyRequests)
		return
	}
	code := r.PathValue("code")
	l := parseLang(r.URL.Query().Get("lang"))
	w.Header().Set("Cache-Control", "public, max-age=60")
	key := string(l) + "/" + code
	if status, b, ok := s.cache.get(key, s.deps.Now()); ok {
		writePage(w, status, b)
		return
	}
	p := publicPage{page: s.newPage(r, hub.Worker{}, "pub.title")}
	p.L, p.Title = l, l.T("pub.title")
	p.LangURL = "?lang=en" // relative: the page never echoes the code it was asked
	if l == En {
		p.LangURL = "?lang=zh"
	}
	if c := s.deps.Catalog; c != nil {
		p.topic = func(id string) string { return c.NameIn(id, string(l)) }
	}
	status := http.StatusOK
	t, err := s.deps.Desk.PublicTicket(r.Context(), code)
	switch {
	case errors.Is(err, hub.ErrNoTicket):
		status = http.StatusNotFound
	case err != nil:
		s.deps.Log.Error("public page", "err", err)
		http.Error(w, "server error", http.StatusInternalServerError)
		return
	default:
		p.P = &t
	}
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, "public.html", p); err != nil {
		s.deps.Log.Error("public page", "err", err)
		http.Error(w, "server error", http.StatusInternalServerError)
		return
	}
	s.cache.put(key, status, b.Bytes(), s.deps.Now())
	writePage(w, status, b.Bytes())
}

// pageCache keeps rendered public pages for PublicMaxAge, as the
// browsers and proxies may: a crowd scanning receipts costs the store
// one read per code a minute. At most maxCached pages; when full it
// starts again empty.
type pageCache struct {
	mu sync.Mutex
	m  map[string]cachedPage
}

type cachedPage struct {
	status int
	body   []byte
	until  time.Time
}

const maxCached = 10_000

func (c *pageCache) get(key string, now time.Time) (int, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[key]
	if !ok || !now.Before(p.until) {
		return 0, nil, false
	}
	return p.status, p.body, true
}

func (c *pageCache) put(key string, status int, body []byte, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCached {
		c.m = map[string]cachedPage{}
	}
	c.m[key] = cachedPage{status: status, body: body, until: now.Add(PublicMaxAge)}
}

// publicPhoto serves a photo a lead put on the wall, and no other.
func (s *Server) publicPhoto(w http.ResponseWriter, r *http.Request) {
	if !s.limit.allow(s.clientAddr(r), s.deps.Now()) {
		http.Error(w, "busy", http.StatusTooManyRequests)
		return
	}
	b, err := s.deps.Desk.WallPhoto(r.Context(), r.PathValue("name"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(b)
}

// clientAddr is the address a request came from: the peer's, or behind a
// trusted reverse proxy (Deps.TrustProxy) the last X-Forwarded-For entry,
// which that proxy added.
func (s *Server) clientAddr(r *http.Request) string {
	if s.deps.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter is a token bucket per address: burst requests at once, then
// perMinute a minute.
type limiter struct {
	perMinute, burst float64

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func (l *limiter) allow(addr string, now time.Time) bool {
	if l.perMinute <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	if now.Sub(l.swept) > time.Minute { // forget the full buckets
		for a, b := range l.buckets {
			if l.fill(b, now) >= l.burst {
				delete(l.buckets, a)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[addr]
	if !ok {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[addr] = b
	}
	b.tokens = l.fill(b, now)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *limiter) fill(b *bucket, now time.Time) float64 {
	return min(l.burst, b.tokens+now.Sub(b.at).Minutes()*l.perMinute)
}
