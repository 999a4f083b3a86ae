package web

import "net/http"

// public serves the status page of a receipt code.
func (s *Server) public(w http.ResponseWriter, r *http.Request) {
	http.NotFound(w, r)
}
