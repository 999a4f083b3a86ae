package open311

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Server is the station's GeoReport v2 endpoint, an http.Handler to mount
// under a prefix (/open311/v2/). Every resource ends in .json or .xml.
type Server struct {
	GeoReport *hub.GeoReport
	// Prefix is the path the resources are under, ending in /.
	Prefix string
	// PerMinute is what one address may ask a minute (GET and POST alike);
	// 0 means DefaultPerAddress.
	PerMinute int
	Log       *slog.Logger

	limit hub.RateLimit
}

// DefaultPerAddress is what one address may ask a minute.
const DefaultPerAddress = 120

// maxForm is the largest POST body read.
const maxForm = 64 << 10

// ServeHTTP routes a GeoReport resource.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.URL.Path, s.Prefix)
	resource, format, _ := cutFormat(path)
	if !ok || format == "" {
		writeError(w, "json", http.StatusNotFound, "no such resource: use services, requests or tokens with .json or .xml")
		return
	}
	if !s.limit.Allow("addr:"+clientAddr(r), s.perMinute(), s.GeoReport.Now()) {
		s.fail(w, format, kiosk.Errorf(kiosk.EBUSY, "too many requests from this address: wait a minute"))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.fail(w, format, kiosk.Errorf(kiosk.EINVALID, "unreadable parameters: %v", err))
		return
	}
	if err := s.GeoReport.CheckJurisdiction(r.Form.Get("jurisdiction_id")); err != nil {
		s.fail(w, format, err)
		return
	}
	kind, arg, _ := strings.Cut(resource, "/")
	ctx := r.Context()
	switch {
	case r.Method == http.MethodGet && kind == "services" && arg == "":
		s.services(w, format, r.Form.Get("locale"))
	case r.Method == http.MethodGet && kind == "services":
		s.definition(w, format, arg)
	case r.Method == http.MethodGet && kind == "requests" && arg == "":
		s.requests(ctx, w, r, format)
	case r.Method == http.MethodGet && kind == "requests":
		s.request(ctx, w, format, arg)
	case r.Method == http.MethodPost && kind == "requests" && arg == "":
		s.create(ctx, w, r, format)
	case r.Method == http.MethodGet && kind == "tokens" && arg != "":
		s.token(ctx, w, format, arg)
	case kind == "services" || kind == "requests" || kind == "tokens":
		w.Header().Set("Allow", "GET, POST")
		writeError(w, format, http.StatusMethodNotAllowed, "method not allowed")
	default:
		s.fail(w, format, kiosk.Errorf(kiosk.ENOTFOUND, "no resource %q", resource))
	}
}

func (s *Server) perMinute() int {
	if s.PerMinute > 0 {
		return s.PerMinute
	}
	return DefaultPerAddress
}

// cutFormat splits "requests/123.json" into "requests/123" and "json".
func cutFormat(path string) (string, string, bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 || strings.Contains(path[i:], "/") {
		return path, "", false
	}
	switch f := path[i+1:]; f {
	case "json", "xml":
		return path[:i], f, true
	}
	return path, "", false
}

// clientAddr is the caller's address (behind a reverse proxy, the
// proxy's: it limits per partner there, docs/OPERATIONS.md).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) services(w http.ResponseWriter, format, locale string) {
	lang := "zh"
	if strings.HasPrefix(locale, "en") {
		lang = "en"
	}
	list := []serviceDoc{}
	for _, sv := range s.GeoReport.Services(lang) {
		list = append(list, serviceOf(sv))
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	write(w, format, http.StatusOK, list, servicesDoc{Services: list})
}

func (s *Server) definition(w http.ResponseWriter, format, code string) {
	sv, err := s.GeoReport.Service(code, "zh")
	if err != nil {
		s.fail(w, format, err)
		return
	}
	d := definitionDoc{Code: sv.Code, Attributes: []attributeDoc{}}
	write(w, format, http.StatusOK, d, d)
}

func (s *Server) requests(ctx context.Context, w http.ResponseWriter, r *http.Request, format string) {
	q := r.Form
	f, err := hub.ParseGeoFilter(q.Get("service_request_id"), q.Get("service_code"), q.Get("start_date"), q.Get("end_date"), q.Get("status"), s.GeoReport.Now())
	if err != nil {
		s.fail(w, format, err)
		return
	}
	rs, err := s.GeoReport.Requests(ctx, f)
	if err != nil {
		s.fail(w, format, err)
		return
	}
	s.sendRequests(w, format, rs)
}

func (s *Server) request(ctx context.Context, w http.ResponseWriter, format, id string) {
	rq, err := s.GeoReport.Request(ctx, id)
	if err != nil {
		s.fail(w, format, err)
		return
	}
	s.sendRequests(w, format, []hub.GeoRequest{rq})
}

func (s *Server) sendRequests(w http.ResponseWriter, format string, rs []hub.GeoRequest) {
	list := make([]requestDoc, len(rs))
	for i, rq := range rs {
		list[i] = requestOf(rq)
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	write(w, format, http.StatusOK, list, requestsDoc{Requests: list})
}

// kept are the POST fields the station keeps or reads; the others given
// are refused by name, not dropped.
var kept = map[string]bool{"api_key": true, "jurisdiction_id": true, "service_code": true, "description": true,
	"address_string": true, "first_name": true, "last_name": true, "phone": true}

func (s *Server) create(ctx context.Context, w http.ResponseWriter, r *http.Request, format string) {
	f := r.PostForm
	p := hub.PartnerRequest{ServiceCode: f.Get("service_code"), Description: f.Get("description"), Address: f.Get("address_string"),
		FirstName: f.Get("first_name"), LastName: f.Get("last_name"), Phone: f.Get("phone")}
	for name, vs := range f {
		if !kept[name] && strings.TrimSpace(strings.Join(vs, "")) != "" {
			p.Unkept = append(p.Unkept, name)
		}
	}
	key := f.Get("api_key")
	if key == "" {
		key = r.URL.Query().Get("api_key")
	}
	ticket, token, err := s.GeoReport.Submit(ctx, key, r.Header.Get("Idempotency-Key"), p)
	if err != nil {
		s.fail(w, format, err)
		return
	}
	d := createdDoc{ID: ticket, Token: token, ServiceNotice: new(string), AccountID: new(string)}
	write(w, format, http.StatusOK, []createdDoc{d}, createdListDoc{Requests: []createdDoc{d}})
}

func (s *Server) token(ctx context.Context, w http.ResponseWriter, format, token string) {
	ticket, err := s.GeoReport.Token(ctx, token)
	if err != nil {
		s.fail(w, format, err)
		return
	}
	d := createdDoc{ID: ticket, Token: token}
	write(w, format, http.StatusOK, []createdDoc{d}, createdListDoc{Requests: []createdDoc{d}})
}

// fail answers an error as the standard's errors document.
func (s *Server) fail(w http.ResponseWriter, format string, err error) {
	status := http.StatusInternalServerError
	msg := "the station could not answer: try again later"
	switch kiosk.ErrorCode(err) {
	case kiosk.EINVALID:
		status, msg = http.StatusBadRequest, err.Error()
	case kiosk.EUNAUTHORIZED, kiosk.EFORBIDDEN:
		status, msg = http.StatusForbidden, err.Error()
	case kiosk.ENOTFOUND:
		status, msg = http.StatusNotFound, err.Error()
	case kiosk.ECONFLICT:
		status, msg = http.StatusConflict, err.Error()
	case kiosk.EBUSY:
		w.Header().Set("Retry-After", "60")
		status, msg = http.StatusTooManyRequests, err.Error()
	default:
		if s.Log != nil {
			s.Log.Error("open311", "err", err)
		}
	}
	writeError(w, format, status, msg)
}

// writeError answers the standard's errors document with status.
func writeError(w http.ResponseWriter, format string, status int, msg string) {
	e := errorDoc{Code: status, Description: msg}
	write(w, format, status, []errorDoc{e}, errorsDoc{Errors: []errorDoc{e}})
}

// Serve runs the Server on addr until Close: a long-lived part.
type Serve struct {
	Addr    string
	Handler http.Handler
	Log     *slog.Logger

	srv  *http.Server
	ln   net.Listener
	done chan error
}

// Open listens and serves in the background.
func (v *Serve) Open() error {
	ln, err := net.Listen("tcp", v.Addr)
	if err != nil {
		return err
	}
	v.ln, v.done = ln, make(chan error, 1)
	v.srv = &http.Server{Handler: v.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	go func() { v.done <- v.srv.Serve(ln) }()
	return nil
}

// ListenAddr is the address it listens on.
func (v *Serve) ListenAddr() string { return v.ln.Addr().String() }

// Close stops serving, letting requests in hand finish for a few seconds.
func (v *Serve) Close() error {
	if v.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := v.srv.Shutdown(ctx)
	if serr := <-v.done; serr != nil && serr != http.ErrServerClosed && err == nil {
		err = serr
	}
	v.srv = nil
	return err
}

// Prefix is where the hub mounts GeoReport v2.
const Prefix = "/open311/v2/"
