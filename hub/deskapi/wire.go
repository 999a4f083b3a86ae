package deskapi

import (
	"net/http"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// wireError is an error as it crosses the socket.
type wireError struct {
	Code    string      `json:"code"`
	Message string      `json:"message"`
	Reason  *wireReason `json:"reason,omitempty"`
}

type wireReason struct {
	Key  string    `json:"key"`
	Args []hub.Arg `json:"args,omitempty"`
}

// toWire is err as it crosses the socket: its code, its text and its
// Reason if it has one.
func toWire(err error) wireError {
	e := wireError{Code: kiosk.ErrorCode(err), Message: err.Error()}
	if r, ok := hub.ReasonOf(err); ok {
		e.Reason = &wireReason{Key: r.Key}
		for _, a := range r.Args {
			e.Reason.Args = append(e.Reason.Args, hub.EncodeArg(a))
		}
	}
	return e
}

// Error is a refusal or failure the service answered with: its text as
// the service wrote it, and a *kiosk.Error with its code in its chain
// (kiosk.ErrorCode), wrapped in a *hub.Refusal when it had a Reason
// (hub.ReasonOf).
type Error struct {
	Text string
	err  error
}

func (e *Error) Error() string { return e.Text }
func (e *Error) Unwrap() error { return e.err }

// fromWire is the error the service answered with.
func fromWire(w wireError) error {
	code := w.Code
	if code == "" {
		code = kiosk.EINTERNAL
	}
	ke := &kiosk.Error{Code: code, Message: w.Message}
	e := &Error{Text: w.Message, err: ke}
	if w.Reason != nil {
		r := hub.Reason{Key: w.Reason.Key}
		for _, a := range w.Reason.Args {
			v, _ := hub.DecodeArg(a) // an unknown kind: its text
			r.Args = append(r.Args, v)
		}
		e.err = &hub.Refusal{Reason: r, Err: ke}
	}
	return e
}

// httpStatus is the HTTP status an error code answers with.
func httpStatus(code string) int {
	switch code {
	case kiosk.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case kiosk.EFORBIDDEN:
		return http.StatusForbidden
	case kiosk.ENOTFOUND:
		return http.StatusNotFound
	case kiosk.ECONFLICT:
		return http.StatusConflict
	case kiosk.EINVALID:
		return http.StatusBadRequest
	case kiosk.EUNAVAILABLE, kiosk.EBUSY, kiosk.EOFFLINE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// errNoSession refuses a call without a valid session.
var errNoSession = kiosk.Errorf(kiosk.EUNAUTHORIZED, "log in first: no session, or it ended")
