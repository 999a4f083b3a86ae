package web

import (
	"net/http"

	"opinionwall/kiosk"
)

// failErr answers a request the desk refused or could not serve, with the
// status its error code means.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	l := langOf(r)
	switch kiosk.ErrorCode(err) {
	case kiosk.EFORBIDDEN:
		s.fail(w, r, l, http.StatusForbidden, "err.forbidden")
	case kiosk.EUNAUTHORIZED:
		s.fail(w, r, l, http.StatusUnauthorized, "login.title")
	case kiosk.ENOTFOUND:
		s.fail(w, r, l, http.StatusNotFound, "err.notfound")
	case kiosk.ECONFLICT:
		s.fail(w, r, l, http.StatusConflict, "err.conflict")
	case kiosk.EINVALID:
		s.failText(w, r, l, http.StatusBadRequest, l.T("err.invalid")+err.Error())
	default:
		s.deps.Log.Error("web", "path", r.URL.Path, "err", err)
		s.fail(w, r, l, http.StatusInternalServerError, "err.server")
	}
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, l Lang, status int, key string) {
	s.failText(w, r, l, status, l.T(key))
}

func (s *Server) failText(w http.ResponseWriter, r *http.Request, l Lang, status int, msg string) {
	me, _, _ := s.me(r)
	p := s.newPage(r, me, "err.title")
	p.L, p.Error = l, msg
	p.LangURL = "/lang?to=" + string(otherLang(l)) + "&back=/my" // the failed request may be a POST
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, status, "error.html", p)
}
