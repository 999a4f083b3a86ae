package hub

import (
	"strings"
	"time"

	"opinionwall/kiosk"
)

// PollDraftInput is a new poll as a worker types it, each language in
// its own field: the title, and the options one a line; the English is
// optional, and where given has the Chinese's number of options.
type PollDraftInput struct {
	Title, TitleEn     string
	Options, OptionsEn string
	Opens, Closes      time.Time
}

// PollID returns the id of a poll made at now: poll-YYYYMMDD-HHMMSS in
// now's zone (a worker never types one).
func PollID(now time.Time) string { return "poll-" + now.Format("20060102-150405") }

// NewPollDraft makes a draft poll from what a worker typed, its id from now.
func NewPollDraft(in PollDraftInput, by string, now time.Time) (Poll, error) {
	zh, en := lines(in.Options), lines(in.OptionsEn)
	if len(en) > 0 && len(en) != len(zh) {
		return Poll{}, refusal(kiosk.EINVALID, "poll.mismatch", "%d options in Chinese but %d in English: give each option in both, or no English", len(zh), len(en))
	}
	if strings.Contains(in.Title+in.TitleEn+in.Options+in.OptionsEn, "|") {
		return Poll{}, refusal(kiosk.EINVALID, "poll.pipe", "a poll's texts cannot contain |")
	}
	opts := make([]string, len(zh))
	for i, z := range zh {
		opts[i] = z
		if len(en) > 0 {
			opts[i] += "|" + en[i]
		}
	}
	return NewPoll(PollID(now), in.Title+"|"+in.TitleEn, opts, in.Opens, in.Closes, by, now)
}

// lines returns the lines of s that are not blank.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}
