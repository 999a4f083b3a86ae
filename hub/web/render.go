package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// The style sheet and the notes script go inline: on a slow-3G phone
// each request costs seconds of latency, so a page is one request; the
// CSP allows exactly these two by their hashes. htmx (large, cached)
// is fetched after the page's load event.
var (
	inlineCSS = mustStatic("static/app.css")
	inlineJS  = mustStatic("static/notes.js")
	csp       = "default-src 'self'; img-src 'self' data:; style-src '" + hash(inlineCSS) + "'; script-src 'self' '" + hash(inlineJS) +
		"'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)

func mustStatic(name string) string {
	b, err := staticFS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"fmtTime":   func(t time.Time) string { return t.Local().Format("01-02 15:04") },
	"fmtTicket": kiosk.FormatTicket,
	"css":       func() template.CSS { return template.CSS(inlineCSS) },
	"js":        func() template.JS { return template.JS(inlineJS) },
}).ParseFS(templateFS, "templates/*.html"))

// page is what every page's template reads.
type page struct {
	L       Lang
	Title   string
	Me      hub.Worker
	LangURL string // the same page in the other language; "" for none
	Error   string
	topic   func(string) string
}

// Topic names a topic or service in the page's language.
func (p page) Topic(id string) string {
	if p.topic == nil {
		return id
	}
	return p.topic(id)
}

// newPage starts a page's data in the request's language.
func (s *Server) newPage(r *http.Request, me hub.Worker, titleKey string) page {
	l := langOf(r)
	p := page{L: l, Title: l.T(titleKey), Me: me, LangURL: "/lang?to=" + string(otherLang(l)) + "&back=" + r.URL.EscapedPath()}
	if c := s.deps.Catalog; c != nil {
		p.topic = func(id string) string { return c.NameIn(id, string(l)) }
	}
	return p
}

func otherLang(l Lang) Lang {
	if l == En {
		return Zh
	}
	return En
}

// langOf is the worker pages' language: the ow_lang cookie, Chinese
// without it.
func langOf(r *http.Request) Lang {
	if c, err := r.Cookie("ow_lang"); err == nil {
		return parseLang(c.Value)
	}
	return Zh
}

// setLang keeps the language chosen and goes back to the page (a local path only).
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "ow_lang", Value: string(parseLang(r.URL.Query().Get("to"))), Path: "/",
		MaxAge: 365 * 24 * 3600, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	back := r.URL.Query().Get("back")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.HasPrefix(back, "/\\") {
		back = "/my"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// render writes a page's template with its status.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, data); err != nil {
		s.deps.Log.Error("web page", "page", name, "err", err)
		http.Error(w, "server error", http.StatusInternalServerError)
		return
	}
	writePage(w, status, b.Bytes())
}

// writePage writes a rendered page.
func writePage(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", csp)
	w.WriteHeader(status)
	w.Write(b)
}

// staticFile is an embedded file, with its gzip form.
type staticFile struct {
	body, gz []byte
	ctype    string
}

// loadStatic reads the embedded static files and compresses each once.
func loadStatic() map[string]staticFile {
	out := map[string]staticFile{}
	_ = fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := staticFS.ReadFile(p)
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		out["/"+p] = staticFile{body: b, gz: z.Bytes(), ctype: mime.TypeByExtension(path.Ext(p))}
		return nil
	})
	return out
}

// static serves the embedded files, gzipped when the browser takes it.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	f, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(f.gz)
		return
	}
	w.Write(f.body)
}
