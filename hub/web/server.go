package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"opinionwall/hub"
)

// APIPrefix is where other packages mount their handlers (Open311).
const APIPrefix = "/open311/"

// Deps is what the web server needs. Pages, API and Public turn on each
// part separately; a part that is off answers 404.
type Deps struct {
	Desk *hub.Desk
	// Catalog names topics and services; nil: ids are shown.
	Catalog *hub.Catalog
	// SessionKey signs the session cookies (at least 32 bytes).
	SessionKey []byte
	Pages      bool // the grid workers' pages
	API        bool // the handlers mounted under /open311/
	Public     bool // the public status page /t/{code}
	// PublicPerMinute limits the public pages per client address (token
	// bucket, PublicBurst at once); 0: DefaultPublicPerMinute, <0: no limit.
	PublicPerMinute int
	PublicBurst     int
	// TrustProxy takes the client's address from X-Forwarded-For (the
	// last entry): set it only behind a reverse proxy that sets it.
	TrustProxy bool
	Log        *slog.Logger
	Now        func() time.Time
}

// Public page limits by default.
const (
	DefaultPublicPerMinute = 30
	DefaultPublicBurst     = 20
)

// Server is the station's web server as an http.Handler.
type Server struct {
	deps     Deps
	mux      *http.ServeMux // pages and the public page
	api      *http.ServeMux // mounted handlers
	mounted  int
	csrf     *http.CrossOriginProtection
	handler  http.Handler
	sessions sessions
	limit    limiter
	cache    pageCache
	files    map[string]staticFile
}

// New returns the server for deps.
func New(d Deps) (*Server, error) {
	if d.Desk == nil {
		return nil, fmt.Errorf("web: no desk")
	}
	if len(d.SessionKey) < 32 {
		return nil, fmt.Errorf("web: the session key has %d bytes, 32 are needed", len(d.SessionKey))
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.PublicPerMinute == 0 {
		d.PublicPerMinute = DefaultPublicPerMinute
	}
	if d.PublicBurst <= 0 {
		d.PublicBurst = DefaultPublicBurst
	}
	s := &Server{deps: d, mux: http.NewServeMux(), api: http.NewServeMux(), csrf: http.NewCrossOriginProtection(),
		sessions: sessions{key: d.SessionKey}, limit: limiter{perMinute: float64(d.PublicPerMinute), burst: float64(d.PublicBurst)},
		files: loadStatic()}
	s.routes()
	s.handler = s.csrf.Handler(s.mux)
	return s, nil
}

// Mount serves h for pattern, which must lie under /open311/ (a
// ServeMux pattern such as "GET /open311/v2/services.json"). Mounted
// handlers are served only when Deps.API is set; they pass no CSRF check
// and see no session (they authenticate with an API key).
func (s *Server) Mount(pattern string, h http.Handler) error {
	path := pattern
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		path = strings.TrimSpace(pattern[i+1:])
	}
	if !strings.HasPrefix(path, APIPrefix) {
		return fmt.Errorf("web: mount %q: only paths under %s", pattern, APIPrefix)
	}
	s.api.Handle(pattern, h)
	s.mounted++
	return nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if strings.HasPrefix(r.URL.Path, APIPrefix) {
		if !s.deps.API {
			http.NotFound(w, r)
			return
		}
		s.api.ServeHTTP(w, r)
		return
	}
	s.handler.ServeHTTP(w, r)
}

// routes registers the pages and the public page.
func (s *Server) routes() {
	if s.deps.Pages || s.deps.Public {
		s.mux.HandleFunc("GET /static/", s.static)
	}
	if s.deps.Public {
		s.mux.HandleFunc("GET /t/{code}", s.public)
		s.mux.HandleFunc("GET /t/photo/{name}", s.publicPhoto)
	}
	if !s.deps.Pages {
		return
	}
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/my", http.StatusSeeOther) })
	s.mux.HandleFunc("GET /login", s.loginForm)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.logout)
	s.mux.HandleFunc("GET /lang", s.setLang)
	s.mux.HandleFunc("GET /my", s.signedIn(s.myCases))
	s.mux.HandleFunc("GET /c/{id}", s.signedIn(s.casePage))
	s.mux.HandleFunc("POST /c/{id}/start", s.signedIn(s.start))
	s.mux.HandleFunc("POST /c/{id}/note", s.signedIn(s.note))
	s.mux.HandleFunc("POST /c/{id}/photo", s.signedIn(s.photo))
	s.mux.HandleFunc("GET /c/{id}/photo/{n}", s.signedIn(s.notePhoto))
	s.mux.HandleFunc("POST /c/{id}/photo/{n}/wall", s.signedIn(s.wallPhoto))
	s.mux.HandleFunc("POST /c/{id}/adopt", s.signedIn(s.adopt))
	s.mux.HandleFunc("GET /buildings", s.signedIn(s.buildings))
	s.mux.HandleFunc("POST /buildings/{worker}", s.signedIn(s.setBuildings))
}
