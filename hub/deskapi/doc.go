// Package deskapi is the station service's local API: the review app on
// a desktop reaches hub.Desk through it, and never the store. The service
// (`hub run`) holds the only handle on hub.db; Server wraps its *hub.Desk
// on a unix socket, and Client is what the app's screens call
// (display/station.Desk).
//
// A worker logs in with their id and PIN and gets a session token, sent
// with every call (Authorization: Bearer). The service acts for the
// worker the session names, reread from the store at each call (a role
// changed since the log-in counts at once): nothing in a request's body
// says who is calling. Every rule of who may see or do what stays in
// hub.Desk, which the server calls and nothing else; refusals cross the
// wire with their kiosk error code (EFORBIDDEN, EUNAUTHORIZED, ...) and
// their hub.Reason, so the screens word them as before.
//
// Sessions end at Logout, 12 hours after the log-in or 2 hours unused
// (Server.SessionTTL, Server.IdleTTL), and when the service stops. The
// server logs the operating-system user (SO_PEERCRED) that opened each
// connection beside every log-in, refused or not.
//
// The wire: POST /v1/METHOD with a JSON body; a JSON result, or an error
// status with {"error": {"code", "message", "reason"}} (wire.go).
package deskapi
