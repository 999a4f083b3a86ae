package web

import (
	"net/http"
	"strconv"

	"opinionwall/hub"
)

// The case's actions: each a form that works without script (POST, then
// 303 back to the case page), which htmx turns into a partial update.

func (s *Server) start(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	s.act(w, r, me, hub.Action{Kind: hub.ActStart})
}

// adopt sends a proposed reply as the case's reply (a lead's).
func (s *Server) adopt(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	id := r.PathValue("id")
	nid, _ := strconv.ParseInt(r.PostFormValue("note"), 10, 64)
	notes, err := s.deps.Desk.Notes(r.Context(), me, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	for _, n := range notes {
		if n.ID == nid && n.Kind == hub.NoteProposal {
			s.act(w, r, me, hub.Action{Kind: hub.ActReply, Reply: n.Text})
			return
		}
	}
	s.fail(w, r, langOf(r), http.StatusNotFound, "err.notfound")
}

// act applies an action to the case as the worker saw it (version).
func (s *Server) act(w http.ResponseWriter, r *http.Request, me hub.Worker, a hub.Action) {
	id := r.PathValue("id")
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := s.deps.Desk.Act(r.Context(), me, id, version, a); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, "/c/"+id, http.StatusSeeOther)
}

// note adds a progress note, a proposed reply or "resolved"; a resend
// with the same key is the same note.
func (s *Server) note(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	id := r.PathValue("id")
	dr := hub.NoteDraft{Kind: hub.NoteKind(r.PostFormValue("kind")), Text: r.PostFormValue("text"), Key: r.PostFormValue("key")}
	if dr.Kind == hub.NotePhoto {
		s.fail(w, r, langOf(r), http.StatusBadRequest, "err.invalid")
		return
	}
	if _, err := s.deps.Desk.AddNote(r.Context(), me, id, dr); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, "/c/"+id, http.StatusSeeOther)
}

// photo takes a photo from the phone's camera, resizes and re-encodes it
// (no EXIF: GPS and device gone) and adds it to the case.
func (s *Server) photo(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	id := r.PathValue("id")
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBytes)
	f, _, err := r.FormFile("photo")
	if err != nil {
		s.fail(w, r, langOf(r), http.StatusBadRequest, "err.invalid")
		return
	}
	defer f.Close()
	jpg, err := Reencode(f, MaxPhotoSide)
	if err != nil {
		s.failText(w, r, langOf(r), http.StatusBadRequest, langOf(r).T("err.invalid")+err.Error())
		return
	}
	if _, err := s.deps.Desk.AddNote(r.Context(), me, id, hub.NoteDraft{Kind: hub.NotePhoto, Key: r.PostFormValue("key"), Photo: jpg}); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, "/c/"+id, http.StatusSeeOther)
}

// notePhoto serves a case's photo to the workers who may see it.
func (s *Server) notePhoto(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	nid, _ := strconv.ParseInt(r.PathValue("n"), 10, 64)
	b, err := s.deps.Desk.NotePhoto(r.Context(), me, r.PathValue("id"), nid)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(b)
}

// wallPhoto puts a photo on the kiosk wall (处理后) or takes it off.
func (s *Server) wallPhoto(w http.ResponseWriter, r *http.Request, me hub.Worker) {
	id := r.PathValue("id")
	nid, _ := strconv.ParseInt(r.PathValue("n"), 10, 64)
	if err := s.deps.Desk.ShowPhotoOnWall(r.Context(), me, id, nid, r.PostFormValue("on") == "1"); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, "/c/"+id, http.StatusSeeOther)
}
