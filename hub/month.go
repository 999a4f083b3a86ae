package hub

import (
	"sort"
	"time"

	"opinionwall/kiosk"
)

// MonthOf returns the first instant of t's month, in t's zone, and of the next.
func MonthOf(t time.Time) (from, to time.Time) {
	y, m, _ := t.Date()
	from = time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	return from, from.AddDate(0, 1, 0)
}

// Summary is a period's headline figures, for the monthly report.
type Summary struct {
	Opinions, Replied, Closed int     // opinions received; of them, answered and closed so far
	Ratings                   int     // ratings given
	Satisfaction              float64 // their index (0..100), 0 for none
	OpenNow                   int     // open cases now, of any date
}

// Summary returns the period's headline figures.
func (st *Stats) Summary() Summary {
	s := Summary{Opinions: len(st.Cases)}
	for _, c := range st.Cases {
		if !c.FirstReply.IsZero() {
			s.Replied++
		}
		if !c.Closed.IsZero() {
			s.Closed++
		}
	}
	sum := 0
	for _, r := range st.Ratings {
		s.Ratings += r.N
		sum += r.Sum
	}
	if s.Ratings > 0 {
		s.Satisfaction = SatisfactionIndex(float64(sum) / float64(s.Ratings))
	}
	for _, n := range st.OpenByClass {
		s.OpenNow += n
	}
	return s
}

// ExampleReply is a reply to show as an example: the resident's words
// with personal data masked, and the station's answer.
type ExampleReply struct {
	Ticket, Topic string
	Matter        kiosk.Matter
	Said, Reply   string
	ReplyEn       string
	RepliedAt     time.Time
}

// ExampleReplies picks up to n answered opinions as examples, the most
// recent answer of each topic first so that the examples cover the
// topics, then the next most recent; probable play is left out.
func ExampleReplies(cases []Case, n int) []ExampleReply {
	return ExampleRepliesFor(cases, n, nil)
}

// ExampleRepliesFor is ExampleReplies with the contact details residents
// left, by case id: what they said is quoted without the name and phone
// they repeated in it (RedactFor), as the report leaves the station.
func ExampleRepliesFor(cases []Case, n int, contacts map[string]*kiosk.Contact) []ExampleReply {
	var answered []Case
	for _, c := range cases {
		if c.Kind == kiosk.KindOpinion && c.Reply != "" && !c.Flagged {
			answered = append(answered, c)
		}
	}
	sort.SliceStable(answered, func(i, j int) bool { return answered[i].RepliedAt.After(answered[j].RepliedAt) })
	var picked, rest []Case
	seen := map[string]bool{}
	for _, c := range answered {
		if !seen[c.Topic] {
			seen[c.Topic] = true
			picked = append(picked, c)
		} else {
			rest = append(rest, c)
		}
	}
	picked = append(picked, rest...)
	out := make([]ExampleReply, 0, min(n, len(picked)))
	for _, c := range picked[:min(n, len(picked))] {
		out = append(out, ExampleReply{Ticket: kiosk.FormatTicket(c.Ticket), Topic: c.Topic, Matter: c.Matter,
			Said: RedactFor(c.Text, contacts[c.ID]), Reply: c.Reply, ReplyEn: c.ReplyEn, RepliedAt: c.RepliedAt})
	}
	return out
}
