// Package web serves the station on the web, from the hub's store through
// hub.Desk only: pages for grid workers on their phones (log-in, 我的待办,
// a case and its actions), the public status page behind the receipt's QR
// code (/t/{code}), and, mounted by other packages, the API under
// /open311/.
//
// The stack is net/http and html/template, pages that work without
// JavaScript, enhanced with htmx (vendored and embedded, no CDN) where a
// partial update helps. State-changing requests from a browser pass Go's
// http.CrossOriginProtection; sessions are signed HttpOnly Secure
// SameSite=Lax cookies (see session.go).
//
// Other packages mount handlers with Server.Mount (routes under /open311/):
// those handlers see neither the session cookie nor the CSRF check (an API
// key authenticates them) and are served only when Deps.API is set.
package web
