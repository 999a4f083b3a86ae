package hub

import (
	"fmt"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// PollState is where a poll stands.
type PollState string

// Poll states: a draft is not on the kiosks; an open poll is on them between
// its opening and closing times; a closed poll is off them, and on them again
// with its results once they are published.
const (
	PollDraft  PollState = "draft"
	PollOpen   PollState = "open"
	PollClosed PollState = "closed"
)

// Poll is a deliberation item (议事事项) residents vote on.
type Poll struct {
	ID               string
	Title            kiosk.Text
	Options          []kiosk.PollOption
	Opens, Closes    time.Time
	State            PollState
	ResultsPublished bool
	CreatedBy        string
	CreatedAt        time.Time
}

// Poll limits.
const (
	MinPollOptions = 2
	MaxPollOptions = 8
)

// NewPoll makes a draft poll from what a worker typed: a title and one
// option per line (Chinese, or "中文 | English").
func NewPoll(id, title string, options []string, opens, closes time.Time, by string, now time.Time) (Poll, error) {
	p := Poll{ID: id, State: PollDraft, Opens: opens, Closes: closes, CreatedBy: by, CreatedAt: now}
	if !kiosk.ValidKioskID(id) {
		return p, kiosk.Errorf(kiosk.EINVALID, "poll id %q: use 1-32 of a-z, 0-9 and -", id)
	}
	var err error
	if p.Title, err = bilingual(FieldTitle, FieldTitleEn, title); err != nil {
		return p, err
	}
	for _, o := range options {
		if strings.TrimSpace(o) == "" {
			continue
		}
		t, err := bilingual(FieldOption, FieldOptionEn, o)
		if err != nil {
			return p, err
		}
		p.Options = append(p.Options, kiosk.PollOption{ID: fmt.Sprintf("o%d", len(p.Options)+1), Text: t})
	}
	if n := len(p.Options); n < MinPollOptions || n > MaxPollOptions {
		return p, refusal(kiosk.EINVALID, "poll.options", "a poll has %d to %d options, not %d", MinPollOptions, MaxPollOptions, n)
	}
	if !closes.After(opens) {
		return p, refusal(kiosk.EINVALID, "poll.order", "a poll must close after it opens")
	}
	if !closes.After(now) {
		return p, refusal(kiosk.EINVALID, "poll.past", "the closing time has already passed")
	}
	return p, nil
}

// bilingual reads "中文" or "中文 | English".
func bilingual(zhField, enField Field, s string) (kiosk.Text, error) {
	zh, en, _ := strings.Cut(s, "|")
	z, err := workerText(zhField, zh, 60, true)
	if err != nil {
		return kiosk.Text{}, err
	}
	e, err := workerText(enField, en, 80, false)
	return kiosk.Text{Zh: z, En: e}, err
}

// Live reports whether residents can vote on the poll at now.
func (p *Poll) Live(now time.Time) bool {
	return p.State == PollOpen && !now.Before(p.Opens) && now.Before(p.Closes)
}

// Open puts a draft on the kiosks (from its opening time).
func (p *Poll) Open(now time.Time) error {
	if p.State != PollDraft {
		return refusal(kiosk.EINVALID, "poll.notDraft", "poll %s is %s, not a draft", p.ID, p.State)
	}
	if !p.Closes.After(now) {
		return refusal(kiosk.EINVALID, "poll.past", "poll %s: its closing time has passed", p.ID)
	}
	p.State = PollOpen
	return nil
}

// Close ends voting now, or records that the closing time has passed.
func (p *Poll) Close(now time.Time) error {
	if p.State != PollOpen {
		return refusal(kiosk.EINVALID, "poll.notOpen", "poll %s is %s, not open", p.ID, p.State)
	}
	p.State = PollClosed
	if now.Before(p.Closes) {
		p.Closes = now
	}
	return nil
}

// PublishResults puts a closed poll's results on the kiosks.
func (p *Poll) PublishResults() error {
	if p.State != PollClosed {
		return refusal(kiosk.EINVALID, "poll.notClosed", "poll %s is %s: close it before publishing results", p.ID, p.State)
	}
	p.ResultsPublished = true
	return nil
}

// Tally is the count of a poll's votes. Votes the kiosk flagged as probable
// play (a child tapping through) are counted apart and left out of results;
// votes cast outside the poll's times are not counted.
type Tally struct {
	Counted map[string]int // option id → votes
	Play    map[string]int // option id → probable-play votes
	Late    int            // votes outside the opening times
}

// Total returns the counted votes.
func (t Tally) Total() int {
	n := 0
	for _, v := range t.Counted {
		n += v
	}
	return n
}

// PlayTotal returns the probable-play votes.
func (t Tally) PlayTotal() int {
	n := 0
	for _, v := range t.Play {
		n += v
	}
	return n
}

// Vote is one vote as the tally reads it.
type Vote struct {
	Option string
	At     time.Time
	Play   bool
}

// Count tallies votes for the poll.
func (p *Poll) Count(votes []Vote) Tally {
	t := Tally{Counted: map[string]int{}, Play: map[string]int{}}
	for _, v := range votes {
		if _, ok := p.option(v.Option); !ok {
			t.Late++ // an option the poll does not have: never counted
			continue
		}
		if v.At.Before(p.Opens) || !v.At.Before(p.Closes) {
			t.Late++
			continue
		}
		if v.Play {
			t.Play[v.Option]++
		} else {
			t.Counted[v.Option]++
		}
	}
	return t
}

func (p *Poll) option(id string) (kiosk.PollOption, bool) {
	for _, o := range p.Options {
		if o.ID == id {
			return o, true
		}
	}
	return kiosk.PollOption{}, false
}

// BuildPolls makes the polls snapshot: the polls live at now, and the
// closed ones whose results are published, with those results.
func BuildPolls(polls []Poll, tallies map[string]Tally, now time.Time, version int64) kiosk.PollsSnapshot {
	s := kiosk.PollsSnapshot{Version: version, Polls: []kiosk.Poll{}}
	for _, p := range polls {
		kp := kiosk.Poll{ID: p.ID, Title: p.Title, Options: p.Options, Closes: p.Closes}
		switch {
		case p.Live(now):
		case p.State == PollClosed && p.ResultsPublished:
			kp.Results = map[string]int{}
			for _, o := range p.Options {
				kp.Results[o.ID] = tallies[p.ID].Counted[o.ID]
			}
		default:
			continue
		}
		s.Polls = append(s.Polls, kp)
	}
	return s
}
