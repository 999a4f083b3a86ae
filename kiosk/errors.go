package kiosk

import (
	"errors"
	"fmt"
)

// Error codes. Screens turn them into plain messages for residents; logs keep
// the wrapped detail.
const (
	EINVALID     = "invalid"     // the input breaks a rule; the resident can fix it
	ENOTFOUND    = "not_found"   // no such ticket, poll, topic...
	EUNAVAILABLE = "unavailable" // the kiosk cannot do it now (disk full, read-only media)
	ECONFLICT    = "conflict"    // the thing already exists or changed meanwhile
	EINTERNAL    = "internal"    // anything else: a bug or an unexpected failure

	// At the station: who asks is not known (a wrong PIN, a locked
	// account), or is known and their role may not do it.
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"

	// A kiosk asking the station about another kiosk's ticket: the station
	// cannot be reached now (offline, no answer in time), or this kiosk
	// asked too often in the last minute.
	EOFFLINE = "offline"
	EBUSY    = "busy"

	// A booth's voice message when the kiosk's audio store is at its quota:
	// the resident is told to come back later or call the station.
	EFULL = "full"
	// Too many wrong ticket codes were typed, in this visit or at this
	// kiosk lately: lookups wait (docs/SECURITY.md, "Receipt codes").
	ELIMITED = "limited"
)

// Error is a domain error: a code for programs and screens, a message for
// people, and the underlying cause when there is one.
type Error struct {
	Code    string
	Message string
	Err     error
	// Plain is what a resident reads ({zh, en}), when the code's general
	// message would not say what to do (Tell); empty for that message.
	Plain [2]string
}

// Tell gives the error the words a resident reads, in Chinese and English:
// what went wrong and what to do, where the code's general message would
// leave them guessing ("please check" when a box was not ticked).
func (e *Error) Tell(zh, en string) *Error {
	e.Plain = [2]string{zh, en}
	return e
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a domain error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns a domain error with the given code that keeps err as its cause.
func WrapError(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first domain error in err's chain,
// EINTERNAL for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// plainMessages are what a resident reads when something goes wrong: no
// codes, no jargon, and what to do next.
var plainMessages = map[string][2]string{ // code -> {zh, en}
	EINVALID:      {"输入有误，请检查后再试。", "Please check it and try again."},
	ENOTFOUND:     {"没有找到，请核对号码。", "Nothing was found. Please check the number."},
	EUNAVAILABLE:  {"本机暂时不能接收意见，请稍后再试或到社区工作站反映。", "This kiosk cannot take submissions right now. Please try later or visit the community station."},
	ECONFLICT:     {"已经提交过了。", "This was already submitted."},
	EUNAUTHORIZED: {"姓名或密码不对，请重试。", "The name or PIN is not right. Please try again."},
	EFORBIDDEN:    {"无权限：您的角色不能这样做。", "Not allowed: your role may not do this."},
	EOFFLINE:      {"现在问不到社区工作站，请稍后再试，或打电话问工作站。", "The kiosk cannot ask the community station right now. Please try later, or call the station."},
	EBUSY:         {"查询太频繁了，请一分钟后再试。", "Too many look-ups just now. Please try again in a minute."},
	ELIMITED:      {"输错的回执号太多了，请过一会儿再查，或到社区工作站问。", "Too many wrong codes. Please try again later, or ask at the community station."},
	EINTERNAL:     {"出了点问题，请稍后再试。", "Something went wrong. Please try again later."},
}

// PlainMessage returns the message a screen shows a resident for err, in the
// given language ("zh" or "en"; anything else falls back to Chinese).
func PlainMessage(err error, lang string) string {
	if err == nil {
		return ""
	}
	m, ok := plainMessages[ErrorCode(err)]
	if !ok {
		m = plainMessages[EINTERNAL]
	}
	var e *Error
	if errors.As(err, &e) && e.Plain[0] != "" {
		m = e.Plain
	}
	if lang == "en" {
		return m[1]
	}
	return m[0]
}
