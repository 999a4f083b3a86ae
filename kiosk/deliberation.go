package kiosk

import "time"

// Referral is a service a 私事 (private matter) reply points the resident
// to: legal aid, the mediation room, psychological counselling.
type Referral struct {
	Name    Text `json:"name"`
	Contact Text `json:"contact,omitempty"` // where and when, a phone number
}

// DeliberationDay is the 社区居民议事日 as the hub schedules it: on that
// date, between From and To (the kiosk's own clock, local time), the
// kiosks' attract screen and home show the items being voted.
type DeliberationDay struct {
	Date string `json:"date"` // 2026-12-05
	From string `json:"from"` // 09:00
	To   string `json:"to"`   // 17:00
	// LiveTallies lets the kiosks show the votes counted so far.
	LiveTallies bool `json:"live_tallies,omitempty"`
}

// Active reports whether the day is on at now, read in now's location.
func (d *DeliberationDay) Active(now time.Time) bool {
	if d == nil || d.Date == "" {
		return false
	}
	from, err1 := time.ParseInLocation("2006-01-02 15:04", d.Date+" "+d.From, now.Location())
	to, err2 := time.ParseInLocation("2006-01-02 15:04", d.Date+" "+d.To, now.Location())
	if err1 != nil || err2 != nil {
		return false
	}
	return !now.Before(from) && now.Before(to)
}

// Project is a deliberation item on the public wall (我们一起办): an item
// the residents voted on, with its stage and the progress since.
type Project struct {
	N        int        `json:"n"` // its number on the community's list
	Title    Text       `json:"title"`
	Stage    string     `json:"stage"` // adopted, rejected, underway, done
	Agree    int        `json:"agree"`
	Disagree int        `json:"disagree"`
	Abstain  int        `json:"abstain"`
	Progress []Progress `json:"progress,omitempty"`
	// DecidedAt is when the vote's result was confirmed.
	DecidedAt time.Time `json:"decided_at"`
}

// Progress is one dated note on an adopted item.
type Progress struct {
	At     time.Time `json:"at"`
	Note   string    `json:"note"`
	NoteEn string    `json:"note_en,omitempty"`
	Budget int64     `json:"budget,omitempty"` // yuan from 民生微实事 funds
}
