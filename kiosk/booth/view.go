package booth

import "opinionwall/kiosk"

// Step is where a visit stands, for the screen.
type Step string

// The steps a booth screen shows.
const (
	StepIdle      Step = "idle"       // no visit
	StepMenu      Step = "menu"       // the four choices
	StepRate      Step = "rate"       // the question and four answers
	StepThanks    Step = "thanks"     // 谢谢
	StepWall      Step = "wall"       // one reply of the wall
	StepCode      Step = "code"       // typing the receipt code
	StepConfirm   Step = "confirm"    // the code read back
	StepResult    Step = "result"     // the ticket's status and reply
	StepRecord    Step = "record"     // recording a message, with its level
	StepSaved     Step = "saved"      // the message's receipt code
	StepMessage   Step = "message"    // a sentence said, nothing to choose
	StepGoodbye   Step = "goodbye"    // the visit timed out
	StepHungUp    Step = "hung_up"    // the handset is down
	StepNoService Step = "no_service" // what was chosen is not available
)

// Choice is a key the screen offers as a button.
type Choice struct {
	Key   Key
	Label string
}

// View is what a booth screen shows: the step, the words being said, the
// keys that mean something now, and the step's data.
type View struct {
	Step    Step
	Said    string // the sentence playing or last played
	Prompt  Prompt // the fixed prompt playing or last played; "" for dynamic text
	Choices []Choice
	Code    string // digits typed so far, or the receipt code saved
	Level   float64
	Item    *kiosk.WallItem
	Ticket  *kiosk.TicketUpdate
	Index   int // which wall item, from 0, of Count
	Count   int
	Louder  bool
}
