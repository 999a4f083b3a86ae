package main

import (
	"errors"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"
)

// releaseServer serves a folder of kiosk releases over HTTP for the
// kiosks' updates. A listener that fails is logged: the station runs on
// without it.
type releaseServer struct {
	Dir  string
	Addr string
	Log  *slog.Logger

	srv  *http.Server
	done chan struct{}
}

// Open starts serving.
func (r *releaseServer) Open() error {
	r.srv = &http.Server{Addr: r.Addr, Handler: http.StripPrefix("/releases/", noListing(http.FileServer(http.Dir(r.Dir)))), ReadHeaderTimeout: 10 * time.Second}
	r.done = make(chan struct{})
	go func() {
		defer close(r.done)
		if err := r.srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			r.Log.Error("releases server", "err", err)
		}
	}()
	r.Log.Info("serving kiosk releases", "folder", r.Dir, "url", "http://"+r.Addr+"/releases/")
	return nil
}

// noListing serves files only: a folder (a path ending in "/", or one
// http.FileServer would redirect to it) is not found rather than listed.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "" || strings.HasSuffix(req.URL.Path, "/") || !strings.HasPrefix(path.Base(req.URL.Path), "kiosk-") {
			http.NotFound(w, req)
			return
		}
		h.ServeHTTP(w, req)
	})
}

// Close stops serving and waits for the server to end.
func (r *releaseServer) Close() error {
	if r.srv == nil {
		return nil
	}
	err := r.srv.Close()
	<-r.done
	r.srv = nil
	return err
}
