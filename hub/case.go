package hub

import (
	"fmt"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Case is the station's work on one submission: its 三事分流 class, who has
// it, where it stands and the reply. Every submission has one, from the
// moment the hub stores it (status received).
type Case struct {
	ID          string // the submission's id
	Ticket      string
	Kiosk       string
	Kind        kiosk.Kind
	Topic       string // opinion: topic id; rating: service id; vote: poll id
	Building    string
	Text        string // what the resident wrote or picked, for the list and search
	Rating      int    // rating: 1..4; else 0
	At          time.Time
	ReceivedAt  time.Time
	ClockSynced bool
	Flagged     bool   // probable play: kept, left out of statistics
	VoiceMS     int64  // voice: the recording's length
	Transcript  string // voice: what the worker heard (Text is their summary)

	Status      kiosk.TicketStatus
	Matter      kiosk.Matter
	Item        string // checklist item id within the matter
	Priority    Priority
	Assignee    string // worker id
	DuplicateOf string // ticket code of the case this one duplicates
	Reason      string // why it is not applicable
	Reply       string
	ReplyEn     string
	RepliedAt   time.Time // first reply
	WallText    string    // the moderated question shown on the wall
	PublishedAt time.Time // zero: not on the wall
	UpdatedAt   time.Time
	Version     int64 // bumped at every change: two workers cannot overwrite each other

	Routing // 三事分流 as routing, and the deliberation item it went into
}

// Priority orders the work.
type Priority int

// Priorities.
const (
	PriorityNormal Priority = 0
	PriorityHigh   Priority = 1
	PriorityUrgent Priority = 2
)

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return p >= PriorityNormal && p <= PriorityUrgent }

// Open reports whether the case still needs work.
func (c *Case) Open() bool {
	switch c.Status {
	case kiosk.StatusClosed, kiosk.StatusDuplicate, kiosk.StatusNotApplicable:
		return false
	}
	return true
}

// ActionKind names what a worker did to a case.
type ActionKind string

// The actions on a case.
const (
	ActTriage        ActionKind = "triage"         // set class, checklist item and priority
	ActAssign        ActionKind = "assign"         // give it to a worker
	ActStart         ActionKind = "start"          // the worker starts on it
	ActReply         ActionKind = "reply"          // answer the resident
	ActPublish       ActionKind = "publish"        // put the reply and a moderated copy on the wall
	ActUnpublish     ActionKind = "unpublish"      // take it off the wall
	ActClose         ActionKind = "close"          // done
	ActDuplicate     ActionKind = "duplicate"      // handled with another ticket
	ActNotApplicable ActionKind = "not_applicable" // not taken up, with a reason
	ActReopen        ActionKind = "reopen"         // back to work
	ActRoute         ActionKind = "route"          // 大事: the government body responsible and the due date
	ActLinkItem      ActionKind = "link_item"      // taken into a deliberation item
)

// Action is one change a worker asks for. Only the fields of its kind are read.
type Action struct {
	Kind     ActionKind
	Matter   kiosk.Matter // triage
	Item     string       // triage: checklist item id, optional
	Priority Priority     // triage
	Worker   string       // assign: worker id
	Of       string       // duplicate: ticket code
	Reason   string       // not applicable
	Reply    string       // reply
	ReplyEn  string       // reply, optional
	WallText string       // publish: the moderated question
	// transcribe (voice): the summary becomes the case's text
	Summary, Transcript string
	Route               Routing // route: Body and Due; link_item: DelibItem and DelibTitle; reply: Referrals (私事)
}

// Audit is the record of one change: who, when, what.
type Audit struct {
	Case   string
	Worker string
	At     time.Time
	Action ActionKind
	From   kiosk.TicketStatus
	To     kiosk.TicketStatus
	Detail string
}

// Limits on what a worker writes.
const (
	MaxReplyRunes  = 1000
	MaxReasonRunes = 300
	MaxWallRunes   = kiosk.DefaultTextLimit
)

// ErrConflict is returned when a case changed since it was read.
var ErrConflict = because(kiosk.Errorf(kiosk.ECONFLICT, "the case was changed by someone else: reload it"), "conflict")

// Apply makes the change a on the case, done by worker w at time at, and
// returns its audit record. The checklist checks triage items; workers
// checks assignees. On error the case is unchanged.
func (c *Case) Apply(a Action, w Worker, at time.Time, cl *Checklist, workers map[string]Worker) (Audit, error) {
	rec := Audit{Case: c.ID, Worker: w.ID, At: at, Action: a.Kind, From: c.Status}
	if !w.Role.Valid() {
		return rec, kiosk.Errorf(kiosk.EFORBIDDEN, "worker %q has no role", w.ID)
	}
	step, ok := transitions[a.Kind]
	if !ok {
		return rec, refuse(a.Kind, "action", "unknown action")
	}
	next := *c // the steps change the copy: a refusal leaves c as it was
	detail, err := step(&next, a, change{at: at, checklist: cl, workers: workers})
	if err != nil {
		return rec, err
	}
	next.UpdatedAt = at
	next.Version = c.Version + 1
	rec.To, rec.Detail = next.Status, detail
	*c = next
	return rec, nil
}

// change is what a transition reads besides the case and the action.
type change struct {
	at        time.Time
	checklist *Checklist
	workers   map[string]Worker
}

// A transition changes a copy of the case (read before it changes it)
// and returns the audit record's detail, or refuses.
type transition func(c *Case, a Action, ch change) (string, error)

// transitions are the actions on a case, each a named step.
var transitions = map[ActionKind]transition{
	ActTriage:        (*Case).triage,
	ActAssign:        (*Case).assign,
	ActStart:         (*Case).start,
	ActReply:         (*Case).reply,
	ActPublish:       (*Case).publish,
	ActUnpublish:     (*Case).unpublish,
	ActClose:         (*Case).close,
	ActDuplicate:     (*Case).duplicate,
	ActNotApplicable: (*Case).notApplicable,
	ActReopen:        (*Case).reopen,
	ActRoute:         (*Case).route,
	ActLinkItem:      (*Case).linkItem,
	ActTranscribe:    (*Case).transcribe,
}

// refuse is a transition's refusal: the input breaks a rule of the case
// or item (key names it for screens, see Reason).
func refuse[K ActionKind | ItemActionKind](kind K, key, format string, args ...any) error {
	return because(kiosk.Errorf(kiosk.EINVALID, "%s: "+format, append([]any{kind}, args...)...), key, args...)
}

// in reports whether the case's status is one of ok.
func (c *Case) in(ok ...kiosk.TicketStatus) bool {
	for _, s := range ok {
		if c.Status == s {
			return true
		}
	}
	return false
}

// workable are the statuses a case can still be sorted out of the inbox from.
var workable = []kiosk.TicketStatus{kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusInProgress}

func (c *Case) triage(a Action, ch change) (string, error) {
	if !c.Open() {
		return "", refuse(a.Kind, "case.status", "the case is %s", c.Status)
	}
	if err := ch.checklist.Check(a.Matter, a.Item); err != nil {
		return "", because(kiosk.WrapError(kiosk.EINVALID, err, "%s", a.Kind), "checklist")
	}
	if !a.Priority.Valid() {
		return "", refuse(a.Kind, "priority", "priority %d is not known", a.Priority)
	}
	c.Matter, c.Item, c.Priority = a.Matter, a.Item, a.Priority
	if c.Status == kiosk.StatusReceived {
		c.Status = kiosk.StatusTriaged
	}
	return fmt.Sprintf("%s %s priority %d", a.Matter, a.Item, a.Priority), nil
}

func (c *Case) assign(a Action, ch change) (string, error) {
	if !c.in(kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusInProgress) {
		return "", refuse(a.Kind, "needs.triage", "triage the case first (it is %s)", c.Status)
	}
	to, ok := ch.workers[a.Worker]
	if !ok {
		return "", refuse(a.Kind, "worker.unknown", "no worker %q", a.Worker)
	}
	c.Assignee, c.Status = to.ID, kiosk.StatusAssigned
	return "to " + to.ID, nil
}

func (c *Case) start(a Action, _ change) (string, error) {
	if !c.in(kiosk.StatusAssigned) {
		return "", refuse(a.Kind, "needs.assigned", "only an assigned case can be started (it is %s)", c.Status)
	}
	c.Status = kiosk.StatusInProgress
	return "", nil
}

func (c *Case) reply(a Action, ch change) (string, error) {
	if !c.in(kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusInProgress, kiosk.StatusReplied) {
		return "", refuse(a.Kind, "needs.triage", "triage the case before replying (it is %s)", c.Status)
	}
	zh, err := workerText(FieldReply, a.Reply, MaxReplyRunes, true)
	if err != nil {
		return "", err
	}
	en, err := workerText(FieldReplyEn, a.ReplyEn, MaxReplyRunes, false)
	if err != nil {
		return "", err
	}
	if err := c.refer(a); err != nil {
		return "", err
	}
	c.Reply, c.ReplyEn, c.Status = zh, en, kiosk.StatusReplied
	if c.RepliedAt.IsZero() {
		c.RepliedAt = ch.at
	}
	return zh, nil
}

func (c *Case) publish(a Action, ch change) (string, error) {
	if c.Reply == "" || !c.in(kiosk.StatusReplied, kiosk.StatusClosed) {
		return "", refuse(a.Kind, "needs.reply.wall", "only a replied case goes on the wall (it is %s)", c.Status)
	}
	if c.Kind == kiosk.KindVoice && c.Text == "" {
		// The wall carries text only; a voice goes there as the worker's
		// summary, moderated, never as sound.
		return "", refuse(a.Kind, "voice.summary.wall", "a voice message goes on the wall only once it has a summary")
	}
	q, err := workerText(FieldWall, a.WallText, MaxWallRunes, true)
	if err != nil {
		return "", err
	}
	c.WallText, c.PublishedAt = Redact(q), ch.at
	return c.WallText, nil
}

func (c *Case) unpublish(a Action, _ change) (string, error) {
	if c.PublishedAt.IsZero() {
		return "", refuse(a.Kind, "not.onwall", "the case is not on the wall")
	}
	c.PublishedAt, c.WallText = time.Time{}, ""
	return "", nil
}

func (c *Case) close(a Action, _ change) (string, error) {
	if !c.in(kiosk.StatusReplied) {
		return "", refuse(a.Kind, "needs.reply.close", "reply before closing (it is %s)", c.Status)
	}
	c.Status = kiosk.StatusClosed
	return "", nil
}

func (c *Case) duplicate(a Action, _ change) (string, error) {
	if !c.in(workable...) {
		return "", refuse(a.Kind, "case.status", "the case is %s", c.Status)
	}
	t, err := kiosk.ParseTicket(a.Of)
	if err != nil {
		return "", because(kiosk.WrapError(kiosk.EINVALID, err, "%s", a.Kind), "ticket", a.Of)
	}
	if t.Code == c.Ticket {
		return "", refuse(a.Kind, "dup.self", "a ticket cannot duplicate itself")
	}
	c.DuplicateOf, c.Status = t.Code, kiosk.StatusDuplicate
	return "of " + t.Code, nil
}

func (c *Case) notApplicable(a Action, _ change) (string, error) {
	if !c.in(workable...) {
		return "", refuse(a.Kind, "case.status", "the case is %s", c.Status)
	}
	r, err := workerText(FieldReason, a.Reason, MaxReasonRunes, true)
	if err != nil {
		return "", err
	}
	c.Reason, c.Status = r, kiosk.StatusNotApplicable
	return r, nil
}

// reopen puts a finished case back where its work stood.
func (c *Case) reopen(a Action, _ change) (string, error) {
	if c.Open() {
		return "", refuse(a.Kind, "still.open", "the case is still open (%s)", c.Status)
	}
	c.Status, c.DuplicateOf, c.Reason = kiosk.StatusReceived, "", ""
	switch {
	case c.Assignee != "" && c.Matter != "":
		c.Status = kiosk.StatusAssigned
	case c.Matter != "":
		c.Status = kiosk.StatusTriaged
	}
	return "", nil
}

// workerText cleans what a worker typed and checks its length.
func workerText(what Field, s string, limit int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return "", refusal(kiosk.EINVALID, "empty", "the %s is empty", what)
		}
		return "", nil
	}
	out, err := kiosk.CleanText(s, limit)
	if err != nil {
		return "", because(kiosk.WrapError(kiosk.ErrorCode(err), err, "%s", what), "text", what, limit)
	}
	return out, nil
}

// TicketUpdate is what the originating kiosk is told about the case: its
// status, class and reply (for a case not taken up, the reason).
func (c *Case) TicketUpdate() kiosk.TicketUpdate {
	u := kiosk.TicketUpdate{Ticket: c.Ticket, SubmissionID: c.ID, Status: c.Status, Matter: c.Matter,
		Reply: c.Reply, ReplyEn: c.ReplyEn, UpdatedAt: c.UpdatedAt, Referrals: c.Referrals}
	if c.DelibItem != "" {
		t := c.DelibTitle
		u.Item = &t
	}
	if c.Status == kiosk.StatusNotApplicable {
		u.Reply, u.ReplyEn = c.Reason, ""
	}
	return u
}

// Visible reports whether the resident's kiosk should hear of a change
// from old to the case as it is now (publishing on the wall is not news to
// the ticket).
func (c *Case) Visible(old Case) bool {
	return c.Status != old.Status || c.Matter != old.Matter || c.Reply != old.Reply || c.ReplyEn != old.ReplyEn || c.Reason != old.Reason ||
		c.DelibTitle != old.DelibTitle || !sameReferrals(c.Referrals, old.Referrals)
}
