package hub

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Upstream is a government body's Open311 endpoint the station forwards
// its 大事 to (configured by the station: hub upstream add).
type Upstream struct {
	Body         string // the body's name as 三事分流 routes cases to it (街道城管科)
	URL          string // the GeoReport v2 base, ending in /
	APIKey       string // the key the body gave the station
	Jurisdiction string // jurisdiction_id, "" when the endpoint serves one
	ServiceCode  string // the body's service code for the station's requests; "" sends the topic
	Area         string // address_string when the case names no building (大和社区)
}

// Validate checks an upstream a station configures.
func (u Upstream) Validate() error {
	if strings.TrimSpace(u.Body) == "" || len([]rune(u.Body)) > MaxGovBodyRunes {
		return kiosk.Errorf(kiosk.EINVALID, "upstream: the body's name, 1-%d characters, is needed", MaxGovBodyRunes)
	}
	p, err := url.Parse(u.URL)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || !strings.HasSuffix(p.Path, "/") {
		return kiosk.Errorf(kiosk.EINVALID, "upstream %s: URL %q: the GeoReport base, http(s)://host/path/ ending in /", u.Body, u.URL)
	}
	if u.APIKey == "" {
		return kiosk.Errorf(kiosk.EINVALID, "upstream %s: the API key the body gave is needed", u.Body)
	}
	if strings.TrimSpace(u.Area) == "" {
		return kiosk.Errorf(kiosk.EINVALID, "upstream %s: an area (the address sent for cases without a building) is needed", u.Body)
	}
	return nil
}

// Escalation states.
const (
	EscPending = "pending" // to be sent
	EscSent    = "sent"    // the body has it: its status is polled
	EscClosed  = "closed"  // the body closed it: polling stopped
	EscDropped = "dropped" // the case stopped being the body's before it was sent
)

// Escalation is a case's 大事 forwarded to a body: the station's outbox
// row, then the body's request as last polled.
type Escalation struct {
	Case       string
	Body       string
	State      string
	Attempts   int
	NextAt     time.Time
	LastError  string
	UpstreamID string
	Status     string // the body's status: open or closed
	Notes      string // the body's status_notes
	Updated    time.Time
	CreatedAt  time.Time
}

// IdempotencyKey names the escalation to the body: a resend after a lost
// answer is the same request.
func (e Escalation) IdempotencyKey() string {
	h := sha256.Sum256([]byte(e.Body))
	return "ow-" + e.Case + "-" + hex.EncodeToString(h[:4])
}

// Escalates reports whether the case is a 大事 still open with a body
// responsible: what the outbox sends.
func (c *Case) Escalates() bool {
	return c.Matter == kiosk.MatterBig && c.GovBody != "" && c.Open()
}

// Outbound is what leaves for the body: the matter, the place, no
// contact, the resident's text masked (Redact).
type Outbound struct {
	ServiceCode  string
	Jurisdiction string
	Description  string
	Address      string
	Key          string // Idempotency-Key
}

// EscalationRequest is the body's request for the case, or a refusal when
// the case is no longer the body's 大事.
func EscalationRequest(c Case, e Escalation, u Upstream, cat *Catalog) (Outbound, error) {
	if !c.Escalates() || c.GovBody != e.Body || u.Body != e.Body {
		return Outbound{}, kiosk.Errorf(kiosk.EINVALID, "case %s is not an open 大事 of %s", c.ID, e.Body)
	}
	o := Outbound{ServiceCode: u.ServiceCode, Jurisdiction: u.Jurisdiction, Address: c.Building, Key: e.IdempotencyKey()}
	if o.ServiceCode == "" {
		o.ServiceCode = c.Topic
	}
	if o.Address == "" {
		o.Address = u.Area
	}
	o.Description = fmt.Sprintf("[%s %s] %s", cat.Name(c.Topic), kiosk.FormatTicket(c.Ticket), Redact(c.Text))
	return o, nil
}

// UpstreamStatus is a body's request as polled.
type UpstreamStatus struct {
	Status  string
	Notes   string
	Updated time.Time
}

// ActUpstream is the audit action of a body's news on a case: its
// request id, then its status and notes, a proposed reply the worker
// reviews (nothing of it reaches the resident unless a worker replies).
const ActUpstream ActionKind = "upstream"

// UpstreamWorker is the audit's worker of a body's news.
func UpstreamWorker(body string) string { return "open311:" + body }

// Sent records the body's request id.
func (e *Escalation) Sent(id string, now time.Time, poll time.Duration) Audit {
	e.State, e.UpstreamID, e.Attempts, e.LastError, e.NextAt = EscSent, id, 0, "", now.Add(poll)
	return Audit{Case: e.Case, Worker: UpstreamWorker(e.Body), At: now, Action: ActUpstream,
		Detail: fmt.Sprintf("forwarded to %s as %s", e.Body, id)}
}

// Failed schedules the next try after an error.
func (e *Escalation) Failed(err error, now time.Time) {
	e.Attempts++
	e.LastError = err.Error()
	if len(e.LastError) > 500 {
		e.LastError = e.LastError[:500]
	}
	e.NextAt = now.Add(EscalationBackoff(e.Attempts))
}

// Mirror takes the body's status as polled: the audit record of the news
// (a proposed reply) when the status or the notes changed, else nil. A
// closed request is no longer polled.
func (e *Escalation) Mirror(s UpstreamStatus, now time.Time, poll time.Duration) *Audit {
	e.Attempts, e.LastError, e.NextAt = 0, "", now.Add(poll)
	if s.Status != GeoOpen && s.Status != GeoClosed {
		s.Status = GeoOpen
	}
	notes, _ := kiosk.CleanText(s.Notes, MaxReplyRunes)
	changed := s.Status != e.Status || notes != e.Notes
	e.Status, e.Notes, e.Updated = s.Status, notes, s.Updated
	if s.Status == GeoClosed {
		e.State = EscClosed
	}
	if !changed {
		return nil
	}
	d := fmt.Sprintf("%s %s %s", e.Body, e.UpstreamID, s.Status)
	if notes != "" {
		d += ": " + notes
	}
	return &Audit{Case: e.Case, Worker: UpstreamWorker(e.Body), At: now, Action: ActUpstream, Detail: d}
}

// EscalationBackoff is the wait before try n+1 after n failures: 5 s
// doubling, at most 30 minutes (the sender adds jitter).
func EscalationBackoff(n int) time.Duration {
	d := 5 * time.Second
	for i := 1; i < n && d < 30*time.Minute; i++ {
		d *= 2
	}
	return min(d, 30*time.Minute)
}

// UpstreamNews is a body's news as a case's history records it.
type UpstreamNews struct {
	Body      string
	ID        string // the body's request id
	Forwarded bool   // the request was made; else Status and Notes are its news
	Status    string
	Notes     string
}

// ReadUpstreamNews reads an ActUpstream audit record (written by Sent
// and Mirror) for a screen to word.
func ReadUpstreamNews(a Audit) (UpstreamNews, bool) {
	body, ok := strings.CutPrefix(a.Worker, UpstreamWorker(""))
	if a.Action != ActUpstream || !ok {
		return UpstreamNews{}, false
	}
	n := UpstreamNews{Body: body}
	if id, ok := strings.CutPrefix(a.Detail, "forwarded to "+body+" as "); ok {
		n.ID, n.Forwarded = id, true
		return n, true
	}
	rest, ok := strings.CutPrefix(a.Detail, body+" ")
	if !ok {
		return UpstreamNews{}, false
	}
	n.ID, rest, _ = strings.Cut(rest, " ")
	n.Status, n.Notes, _ = strings.Cut(rest, ": ")
	return n, n.ID != "" && n.Status != ""
}
