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
	// how many cases choosing that status (kind, matter) would show.
	ByStatus map[kiosk.TicketStatus]int
	ByKind   map[kiosk.Kind]int
	ByMatter map[kiosk.Matter]int
}
