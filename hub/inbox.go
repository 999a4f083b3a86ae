package hub

import (
	"time"

	"opinionwall/kiosk"
)

// Filter selects cases for the inbox and the work ledger. Zero fields do
// not filter.
type Filter struct {
	Status   kiosk.TicketStatus // one status, or StatusOpen for every open one
	Kind     kiosk.Kind
	Topic    string
	Kiosk    string
	Building string
	From, To time.Time // At in [From, To)
	Matter   kiosk.Matter
	Assignee string
	Flagged  FlagFilter
	Search   string // words in the resident's text, the reply or the ticket code

	Offset, Limit int // paging; Limit 0 means DefaultPage
}

// StatusOpen filters every status that still needs work.
const StatusOpen kiosk.TicketStatus = "open"

// Untriaged is how counts by matter name the cases not yet triaged.
const Untriaged kiosk.Matter = "none"

// FlagFilter selects by the probable-play flag.
type FlagFilter int

// Flag filters.
const (
	FlagAny  FlagFilter = iota
	FlagOnly            // only flagged (probable play)
	FlagNone            // hide flagged
)

// Page sizes.
const (
	DefaultPage = 50
	MaxPage     = 500
)

// PageSize returns the limit to use.
func (f Filter) PageSize() int {
	switch {
	case f.Limit <= 0:
		return DefaultPage
	case f.Limit > MaxPage:
		return MaxPage
	}
	return f.Limit
}

// Inbox is one page of the inbox and the counts that go with it.
type Inbox struct {
	Cases []Case
	Total int // cases matching the whole filter
	// Counts per value of one filter, with the other filters applied:
	// how many cases choosing that status (kind, class, topic, assignee)
	// would show. ByAssignee[""] counts the cases nobody has.
	ByStatus   map[kiosk.TicketStatus]int
	ByKind     map[kiosk.Kind]int
	ByMatter   map[kiosk.Matter]int
	ByTopic    map[string]int
	ByAssignee map[string]int
}

// NewInbox returns an empty inbox with its count maps made.
func NewInbox() Inbox {
	return Inbox{ByStatus: map[kiosk.TicketStatus]int{}, ByKind: map[kiosk.Kind]int{}, ByMatter: map[kiosk.Matter]int{},
		ByTopic: map[string]int{}, ByAssignee: map[string]int{}}
}

// Facets are the values of one group of cases for the counts.
type Facets struct {
	Status   kiosk.TicketStatus
	Kind     kiosk.Kind
	Matter   kiosk.Matter
	Topic    string
	Assignee string
}

// Count adds n cases with facets g to the counts, each count under the
// filters of the other facets, and reports whether they match all of f's
// facet filters (status, kind, class, topic, assignee).
func (in *Inbox) Count(f Filter, g Facets, n int) bool {
	c := Case{Status: g.Status}
	ok := [5]bool{
		f.Status == "" || f.Status == g.Status || f.Status == StatusOpen && c.Open(),
		f.Kind == "" || f.Kind == g.Kind,
		f.Matter == "" || f.Matter == g.Matter || f.Matter == Untriaged && g.Matter == "",
		f.Topic == "" || f.Topic == g.Topic,
		f.Assignee == "" || f.Assignee == g.Assignee,
	}
	others := func(skip int) bool {
		for i, v := range ok {
			if i != skip && !v {
				return false
			}
		}
		return true
	}
	if others(0) {
		in.ByStatus[g.Status] += n
		if c.Open() {
			in.ByStatus[StatusOpen] += n
		}
	}
	if others(1) {
		in.ByKind[g.Kind] += n
	}
	if others(2) {
		m := g.Matter
		if m == "" {
			m = Untriaged
		}
		in.ByMatter[m] += n
	}
	if others(3) {
		in.ByTopic[g.Topic] += n
	}
	if others(4) {
		in.ByAssignee[g.Assignee] += n
	}
	all := others(-1)
	if all {
		in.Total += n
	}
	return all
}
