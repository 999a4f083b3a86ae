package hub

import (
	"errors"

	"opinionwall/kiosk"
)

// Reason says why the station refused a worker's input, for screens to
// word in their own language: a key and the values it speaks of
// (statuses, poll states, fields, numbers, times).
type Reason struct {
	Key  string
	Args []any
}

// Refusal is a domain error (its code and English message, for logs and
// scripts) with its Reason.
type Refusal struct {
	Reason Reason
	Err    *kiosk.Error
}

func (r *Refusal) Error() string { return r.Err.Error() }
func (r *Refusal) Unwrap() error { return r.Err }

// Field names what a worker typed into, in a Reason.
type Field string

// The fields a worker types into.
const (
	FieldReply       Field = "reply"
	FieldReplyEn     Field = "replyEn"
	FieldWall        Field = "wall"
	FieldReason      Field = "reason"
	FieldTemplate    Field = "template"
	FieldTitle       Field = "title"
	FieldTitleEn     Field = "titleEn"
	FieldOption      Field = "option"
	FieldOptionEn    Field = "optionEn"
	FieldGovBody     Field = "govBody"
	FieldItemTitle   Field = "itemTitle"
	FieldItemTitleEn Field = "itemTitleEn"
	FieldDescription Field = "description"
	FieldNote        Field = "note"
	FieldNoteEn      Field = "noteEn"
)

// refusal is a domain error with code, message (formatted with args) its
// English, and the Reason key with args.
func refusal(code, key, message string, args ...any) error {
	return &Refusal{Reason: Reason{Key: key, Args: args}, Err: kiosk.Errorf(code, message, args...)}
}

// because gives err (a domain error) a Reason.
func because(err *kiosk.Error, key string, args ...any) error {
	return &Refusal{Reason: Reason{Key: key, Args: args}, Err: err}
}

// ReasonOf returns the Reason of a refusal, if err has one.
func ReasonOf(err error) (Reason, bool) {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Reason, true
	}
	return Reason{}, false
}
