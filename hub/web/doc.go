// Package web serves the station on the web, from the hub's store through
// hub.Desk only: pages for grid workers on their phones (log-in, 我的待办,
// a case and its actions), the public status page behind the receipt's QR
// code (/t/{code}), and, mounted by other packages, the API under
// /open311/.
//
// The stack is net/http and html/template, pages that work without
// JavaScript: every action is a form that posts and is redirected back
// (303) to the case. htmx (vendored by `make vendor-htmx`, embedded, no
// CDN) turns those forms into partial updates of the case (hx-select).
// State-changing requests from a browser pass Go's
// http.CrossOriginProtection; sessions are signed __Host- cookies, Secure,
// HttpOnly, SameSite=Lax (session.go). A page is one request on a slow
// phone: the style sheet and the notes script are inline, allowed by their
// hashes in the Content-Security-Policy, and htmx is fetched after the
// load event. Strings are in catalog.go, Chinese first, one language per
// page (a cookie for the workers' pages, ?lang=en for the public page).
//
// Notes typed with no signal (a basement, a lift) are kept by a retry
// queue in the page, not a service worker: the script puts each note in
// localStorage with a random idempotency key before sending it, shows it
// as waiting, and sends the queue again on the browser's online event, on
// every page load and every 10 s, dropping a note only once the hub
// answered. A service worker would also open pages with no signal, but
// needs Background Sync (Chromium only) to send later, its own update and
// cache life cycle, and still the same key; the worker already has the
// case open when the signal goes, so the queue is enough and works in
// every browser that runs the page. The hub treats a resend with the same
// key as the same note (hub.Desk.AddNote; unique per case in the store).
//
// Photos from the phone's camera (<input type=file accept=image/*
// capture>) are decoded, turned upright by their EXIF orientation, scaled
// to 1280 px and encoded again as JPEG (Reencode): nothing of the
// original's metadata (GPS, phone make and model) is stored.
//
// Other packages mount handlers with Server.Mount (routes under
// /open311/): those handlers see neither the session cookie nor the CSRF
// check (an API key authenticates them) and are served only when Deps.API
// is set.
package web
