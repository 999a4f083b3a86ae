package deskapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

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
	Args []wireArg `json:"args,omitempty"`
}

// wireArg is one of a Reason's values with its type, so that the screens
// word it as they do in the service's own process (a status by its name,
// a time as a clock).
type wireArg struct {
	Kind  string          `json:"kind"`
	Value json.RawMessage `json:"value"`
}

// The kinds of wireArg.
const (
	argStatus = "status"
	argPoll   = "poll_state"
	argStage  = "stage"
	argMatter = "matter"
	argField  = "field"
	argTime   = "time"
	argPack   = "pack_version"
	argInt    = "int"
	argFloat  = "float"
	argString = "string"
)

func encodeArg(a any) wireArg {
	kind, v := argString, any(fmt.Sprint(a))
	switch x := a.(type) {
	case kiosk.TicketStatus:
		kind, v = argStatus, string(x)
	case hub.PollState:
		kind, v = argPoll, string(x)
	case hub.ItemStage:
		kind, v = argStage, string(x)
	case kiosk.Matter:
		kind, v = argMatter, string(x)
	case hub.Field:
		kind, v = argField, string(x)
	case time.Time:
		kind, v = argTime, x
	case hub.PackVersion:
		kind, v = argPack, int64(x)
	case int, int64, int32:
		kind, v = argInt, x
	case float64, float32:
		kind, v = argFloat, x
	case string:
		v = x
	}
	b, _ := json.Marshal(v)
	return wireArg{Kind: kind, Value: b}
}

func decodeArg(a wireArg) any {
	var s string
	switch a.Kind {
	case argTime:
		var t time.Time
		if json.Unmarshal(a.Value, &t) == nil {
			return t
		}
	case argInt:
		var n int
		if json.Unmarshal(a.Value, &n) == nil {
			return n
		}
	case argPack:
		var n int64
		if json.Unmarshal(a.Value, &n) == nil {
			return hub.PackVersion(n)
		}
	case argFloat:
		var f float64
		if json.Unmarshal(a.Value, &f) == nil {
			return f
		}
	}
	_ = json.Unmarshal(a.Value, &s)
	switch a.Kind {
	case argStatus:
		return kiosk.TicketStatus(s)
	case argPoll:
		return hub.PollState(s)
	case argStage:
		return hub.ItemStage(s)
	case argMatter:
		return kiosk.Matter(s)
	case argField:
		return hub.Field(s)
	}
	return s
}

// toWire is err as it crosses the socket: its code, its text and its
// Reason if it has one.
func toWire(err error) wireError {
	e := wireError{Code: kiosk.ErrorCode(err), Message: err.Error()}
	if r, ok := hub.ReasonOf(err); ok {
		e.Reason = &wireReason{Key: r.Key}
		for _, a := range r.Args {
			e.Reason.Args = append(e.Reason.Args, encodeArg(a))
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
			r.Args = append(r.Args, decodeArg(a))
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
