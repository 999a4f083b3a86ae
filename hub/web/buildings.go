package web

import (
	"net/http"
	"strings"

	"opinionwall/hub"
)

type buildingsPage struct {
	page
	Rows []buildingsRow
}

type buildingsRow struct {
	Worker    hub.Worker
	Buildings string
}

// buildings lists the workers with their buildings (包楼), each with a
// form a lead sends to change them.
func (s *Server) buildings(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	ws, err := s.deps.Desk.Roster(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	p := buildingsPage{page: s.newPage(r, me, "bld.title")}
	for _, wk := range ws {
		bs, err := s.deps.Desk.WorkerBuildings(r.Context(), me, wk.ID)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		p.Rows = append(p.Rows, buildingsRow{Worker: wk, Buildings: strings.Join(bs, "，")})
	}
	s.render(w, http.StatusOK, "buildings.html", p)
}

// setBuildings gives a worker their buildings (a lead's: the desk refuses others).
func (s *Server) setBuildings(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	list := strings.FieldsFunc(r.PostFormValue("buildings"), func(c rune) bool { return c == ',' || c == '，' || c == '、' || c == '\n' })
	if err := s.deps.Desk.SetWorkerBuildings(r.Context(), me, r.PathValue("worker"), list); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, "/buildings", http.StatusSeeOther)
}
