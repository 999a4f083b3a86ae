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
	Log        *slog.Logger
	Now        func() time.Time
}

// Server is the station's web server as an http.Handler.
type Server struct {
	deps    Deps
	mux     *http.ServeMux // pages and the public page
	api     *http.ServeMux // mounted handlers
	mounted int
	csrf    *http.CrossOriginProtection
	handler http.Handler
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
	s := &Server{deps: d, mux: http.NewServeMux(), api: http.NewServeMux(), csrf: http.NewCrossOriginProtection()}
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
	if s.deps.Public {
		s.mux.HandleFunc("GET /t/{code}", s.public)
	}
}
