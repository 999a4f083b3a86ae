package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

type loginPage struct {
	page
	ID string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, _, ok := s.me(r); ok {
		http.Redirect(w, r, "/my", http.StatusSeeOther)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "login.html", loginPage{page: s.newPage(r, hub.Worker{}, "login.title")})
}

// login checks the worker's PIN through the desk (the review app's
// lockout, shared) and starts a new session: never the one the browser
// brought.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	id, pin := strings.TrimSpace(r.PostFormValue("id")), r.PostFormValue("pin")
	me, err := s.deps.Desk.Login(r.Context(), id, pin)
	if err != nil {
		p := loginPage{page: s.newPage(r, hub.Worker{}, "login.title"), ID: id}
		p.Error = p.L.T("login.wrong")
		var ref *hub.Refusal
		if errors.As(err, &ref) && ref.Reason.Key == "locked" {
			p.Error = p.L.T("login.locked") + lockedUntil(err.Error())
		}
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, http.StatusUnauthorized, "login.html", p)
		return
	}
	s.sessions.start(w, me.ID, s.deps.Now())
	http.Redirect(w, r, "/my", http.StatusSeeOther)
}

// lockedUntil takes the time out of the desk's lockout message.
func lockedUntil(msg string) string {
	if i := strings.LastIndex(msg, "after "); i >= 0 {
		return msg[i+len("after "):]
	}
	return ""
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if _, ses, ok := s.me(r); ok {
		s.sessions.end(w, ses, s.deps.Now())
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

type myPage struct {
	page
	Items []hub.WorkItem
}

func (s *Server) myCases(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	items, err := s.deps.Desk.MyCases(r.Context(), me)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "my.html", myPage{page: s.newPage(r, me, "my.title"), Items: items})
}

type casePage struct {
	page
	V                                    hub.CaseView
	Notes                                []hub.Note
	Call                                 string
	CanStart, CanNote, CanWall, CanAdopt bool
	Key                                  string // idempotency key of the forms sent without script
	names                                map[string]string
}

// Name is a worker's name, by id.
func (p casePage) Name(id string) string {
	if n, ok := p.names[id]; ok {
		return n
	}
	return id
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	s.showCase(w, r, me, http.StatusOK, "")
}

// showCase renders the case page, with an error above the actions.
func (s *Server) showCase(w http.ResponseWriter, r *http.Request, me hub.Worker, status int, msg string) {
	ctx := r.Context()
	v, err := s.deps.Desk.Case(ctx, me, r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	notes, err := s.deps.Desk.Notes(ctx, me, v.ID)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	p := casePage{page: s.newPage(r, me, "case.title"), V: v, Notes: notes, Call: v.CallNumber(),
		CanStart: me.Allowed(hub.ActStart) && v.Status == kiosk.StatusAssigned,
		CanNote:  me.Allowed(hub.ActNote) && v.Open(), CanWall: me.Allowed(hub.ActPublish), CanAdopt: me.Allowed(hub.ActReply) && me.Role.Moderates(),
		Key: randomKey()}
	p.Title = p.L.T("case.title") + " " + kiosk.FormatTicket(v.Ticket)
	if ws, err := s.deps.Desk.Roster(ctx); err == nil {
		p.names = make(map[string]string, len(ws))
		for _, w := range ws {
			p.names[w.ID] = w.Name
		}
	}
	p.Error = msg
	s.render(w, status, "case.html", p)
}

func randomKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
