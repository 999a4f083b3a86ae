package kiosk

import "time"

// TicketStatus is where a submission stands at the station.
type TicketStatus string

// The statuses a ticket passes through at the station.
const (
	StatusReceived TicketStatus = "received" // in the hub, not yet looked at
	StatusTriaged  TicketStatus = "triaged"  // sorted into big, small or private matter
	StatusAssigned TicketStatus = "assigned" // a worker is on it
	// StatusInProgress is a ticket the assigned worker has started on.
	StatusInProgress TicketStatus = "in_progress"
	StatusReplied    TicketStatus = "replied" // the station has answered
	StatusClosed     TicketStatus = "closed"
	// StatusDuplicate is a ticket handled together with an earlier one.
	StatusDuplicate TicketStatus = "duplicate"
	// StatusNotApplicable is a ticket the station does not take up, with a reason.
	StatusNotApplicable TicketStatus = "not_applicable"
)

// Matter is the station's 三事分流 triage of an opinion.
type Matter string

// The three kinds of matter.
const (
	MatterBig     Matter = "big"     // 大事: the government leads and expedites
	MatterSmall   Matter = "small"   // 小事: negotiated by the community
	MatterPrivate Matter = "private" // 私事: residents settle it themselves, lawfully
)

// TicketUpdate is what the hub tells the originating kiosk about one of its
// tickets, for residents who look up their code.
type TicketUpdate struct {
	Ticket       string       `json:"ticket"`
	SubmissionID string       `json:"submission_id"`
	Status       TicketStatus `json:"status"`
	Matter       Matter       `json:"matter,omitempty"`
	Reply        string       `json:"reply,omitempty"`
	ReplyEn      string       `json:"reply_en,omitempty"` // the reply in English, when the station wrote one
	UpdatedAt    time.Time    `json:"updated_at"`
	// Item is the deliberation item (议事事项) the opinion was taken into;
	// nil for none. Older hubs leave it out.
	Item *Text `json:"item,omitempty"`
	// Referrals are the services a private matter's reply points to.
	Referrals []Referral `json:"referrals,omitempty"`
}

// WallItem is one published question and reply on the public wall (你说我办).
type WallItem struct {
	ID          string    `json:"id"`
	Topic       string    `json:"topic"`
	Question    string    `json:"question"`
	Reply       string    `json:"reply"`
	ReplyEn     string    `json:"reply_en,omitempty"`
	PublishedAt time.Time `json:"published_at"`
	// Photo names a photo of the work done (处理后) a lead chose, served by
	// the hub's public web page at /t/photo/{name}; empty for none.
	Photo string `json:"photo,omitempty"`
	// Picture is that photo, small (a JPEG at most 480 px), for the kiosk's
	// wall to show beside the reply; empty for none.
	Picture []byte `json:"picture,omitempty"`
}

// WallSnapshot is the whole public wall as the hub last published it.
type WallSnapshot struct {
	Version int64      `json:"version"`
	Items   []WallItem `json:"items"`
	// Announcement is a notice from the station for the attract screen
	// (a deliberation day, a water cut); empty for none.
	Announcement Text `json:"announcement,omitempty"`
	// Projects are the deliberation items residents voted on, with their
	// progress (我们一起办), newest decision first.
	Projects []Project `json:"projects,omitempty"`
	// Figures are the station's figures of the month, for the attract
	// screen; nil in snapshots from hubs before them.
	Figures *WallFigures `json:"figures,omitempty"`
}

// WallFigures are how many opinions the station received in a month and
// how many of those it has answered (收到 N 条, 已回复 M 条).
type WallFigures struct {
	Month    string `json:"month"` // "2026-11", in the station's time
	Received int    `json:"received"`
	Replied  int    `json:"replied"`
}

// PollOption is one choice of a poll.
type PollOption struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
}

// Poll is a deliberation item residents vote on.
type Poll struct {
	ID      string       `json:"id"`
	Title   Text         `json:"title"`
	Options []PollOption `json:"options"`
	Closes  time.Time    `json:"closes"`
	// Results are the votes per option id, once the hub publishes them.
	Results map[string]int `json:"results,omitempty"`
	// Item is the number on the community's list when the poll is a
	// deliberation item's vote (同意/不同意/弃权); 0 otherwise.
	Item int `json:"item,omitempty"`
	// Live are the votes counted so far, during a deliberation day whose
	// live tallies the lead allowed.
	Live map[string]int `json:"live,omitempty"`
}

// Option returns the option with the given id.
func (p *Poll) Option(id string) (PollOption, bool) {
	for _, o := range p.Options {
		if o.ID == id {
			return o, true
		}
	}
	return PollOption{}, false
}

// PollsSnapshot is the set of open polls as the hub last published it.
type PollsSnapshot struct {
	Version int64  `json:"version"`
	Polls   []Poll `json:"polls"`
	// Day is the community's deliberation day (社区居民议事日); nil for none.
	Day *DeliberationDay `json:"day,omitempty"`
}

// StatusQueued is a ticket whose submission is saved on the kiosk and not
// yet acknowledged by the station: it is shown to a resident who looks up a
// code while the station is unreachable.
const StatusQueued TicketStatus = "queued"
