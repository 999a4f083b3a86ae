package session

import (
	"time"

	"opinionwall/kiosk"
)

// State is where a visit is.
type State string

// The states of a visit.
const (
	Attract   State = "attract"   // nobody there: the attract loop runs
	Home      State = "home"      // a resident is choosing what to do
	InFlow    State = "flow"      // inside one of the flows, at Step
	Review    State = "review"    // the resident checks the submission before sending
	Submitted State = "submitted" // stored: the ticket code is shown
)

// Flow is what the resident chose to do on the home screen.
type Flow string

// The flows a resident can take.
const (
	FlowOpinion Flow = "opinion" // give an opinion
	FlowRating  Flow = "rating"  // rate a service
	FlowVote    Flow = "vote"    // vote on a deliberation item
	FlowLookup  Flow = "lookup"  // look up the answer to a ticket
	FlowWall    Flow = "wall"    // read the wall of published replies
)

// Step is a screen within a flow.
type Step string

// The steps of the flows, in order.
const (
	StepTopic    Step = "topic"    // opinion: which topic
	StepLocation Step = "location" // opinion: where (optional)
	StepWords    Step = "words"    // opinion: preset phrases and free text
	StepContact  Step = "contact"  // opinion: leave a phone number (optional, with consent)
	StepService  Step = "service"  // rating: which service
	StepRating   Step = "rating"   // rating: one of four levels
	StepReasons  Step = "reasons"  // rating: why, after a low rating (optional)
	StepPoll     Step = "poll"     // vote: which deliberation item
	StepOption   Step = "option"   // vote: which option
	StepCode     Step = "code"     // lookup: type the ticket code
	StepResult   Step = "result"   // lookup: what the station said
	StepBrowse   Step = "browse"   // wall: the published replies
)

var flowSteps = map[Flow][]Step{
	FlowOpinion: {StepTopic, StepLocation, StepWords, StepContact},
	FlowRating:  {StepService, StepRating, StepReasons},
	FlowVote:    {StepPoll, StepOption},
	FlowLookup:  {StepCode, StepResult},
	FlowWall:    {StepBrowse},
}

// View is everything a screen needs to draw the visit now. It is a copy:
// changing it changes nothing.
type View struct {
	State State
	Flow  Flow
	Step  Step
	// StepNumber and StepCount place the step in its flow (第2步/共4步):
	// steps that do not apply to this draft are not counted.
	StepNumber, StepCount int
	Lang                  string
	// Slow is 长辈模式 (elderly mode): large text and targets, and
	// timeouts lengthened by session.slow_factor.
	Slow    bool
	Channel kiosk.Channel

	// Draft is the submission as it would be sent now (text masked unless
	// contact was left), for the flow steps and the review screen.
	Draft kiosk.Submission
	// RawText is the free text as typed, for the text entry.
	RawText string
	// Poll is the poll chosen in the vote flow.
	Poll *kiosk.Poll

	// Ticket is the code of the stored submission, on the submitted screen.
	Ticket string
	// Receipt is what the resident takes home, on the submitted screen.
	Receipt *kiosk.Receipt
	// Lookup is the answer found for a ticket code.
	Lookup *kiosk.TicketUpdate

	// Pressed is the level of a physical press being thanked (0 for none),
	// PressService the service it rated; Holding is true while the rating
	// waits for the reasons offered after a dissatisfied press.
	Pressed      kiosk.Rating
	PressService string
	Holding      bool

	// Warning is true while the idle countdown runs; Left is what remains.
	Warning bool
	Left    time.Duration

	// Err is the last error, for the screen to show in plain words; it is
	// cleared by the next successful action.
	Err error
}
