package hub

import (
	"opinionwall/kiosk"
)

// CaseView is one case as a worker may see it, with what the case screen
// shows beside it. For a volunteer the resident's contact details are not
// in it and their free text is masked (Redact): what a role may not see
// never leaves the domain.
type CaseView struct {
	Case
	// Body is what the resident sent; for a volunteer, without contact
	// and with the text masked.
	Body kiosk.Body
	// ContactWithheld: the resident left contact details that this
	// worker's role may not see.
	ContactWithheld bool
	History         []Audit
	// Suggested is the worker who looks after the case's building (包楼),
	// "" for none.
	Suggested string
	// WallDraft is the moderated question to start from when publishing:
	// the wall text, or the resident's text with personal data (and the
	// name and phone they left) masked.
	WallDraft string
}

// PollView is a poll with its live tally.
type PollView struct {
	Poll
	Tally Tally
}

// shapeCase returns the case as the role may see it: a volunteer gets the
// resident's text masked (RedactFor: also the name and phone the resident
// left, contact, wherever the text repeats them).
func (r Role) shapeCase(c Case, contact *kiosk.Contact) Case {
	if !r.SeesContact() {
		c.Text, c.Transcript = RedactFor(c.Text, contact), RedactFor(c.Transcript, contact)
	}
	return c
}

// shapeBody returns the body as the role may see it, and whether contact
// details were left out: a volunteer gets no contact and masked text.
func (r Role) shapeBody(b kiosk.Body) (kiosk.Body, bool) {
	if r.SeesContact() {
		return b, false
	}
	withheld := b.Contact != nil
	b.Text = RedactFor(b.Text, b.Contact)
	b.Contact = nil
	return b, withheld
}

// newCaseView shapes a stored case for the role.
func newCaseView(r Role, c Case, rcv Received, hist []Audit, suggested string) CaseView {
	v := CaseView{Case: r.shapeCase(c, rcv.Body.Contact), History: hist, Suggested: suggested, WallDraft: c.WallText}
	v.Body, v.ContactWithheld = r.shapeBody(rcv.Body)
	if v.WallDraft == "" {
		v.WallDraft = RedactFor(c.Text, rcv.Body.Contact) // the wall never names the resident
	}
	return v
}

// publicWorker is a worker as others see them: without the PIN hash.
func publicWorker(w Worker) Worker {
	w.PINHash = ""
	return w
}
