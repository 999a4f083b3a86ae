package kiosk_test

import (
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestSubmissionValidate(t *testing.T) {
	var g kiosk.UUIDGen
	base := func() kiosk.Submission {
		return kiosk.Submission{ID: g.New(time.Now()), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(),
			Body: kiosk.Body{Topic: "sanitation", Phrases: []string{"smell"}, Lang: "zh", Channel: kiosk.ChannelTouch}}
	}
	tests := []struct {
		name   string
		change func(s *kiosk.Submission)
		ok     bool
	}{
		{"opinion with a phrase", func(s *kiosk.Submission) {}, true},
		{"opinion with text only", func(s *kiosk.Submission) { s.Body.Phrases, s.Body.Text = nil, "臭" }, true},
		{"opinion without words", func(s *kiosk.Submission) { s.Body.Phrases = nil }, false},
		{"opinion without topic", func(s *kiosk.Submission) { s.Body.Topic = "" }, false},
		{"rating", func(s *kiosk.Submission) { s.Kind, s.Body.Rating = kiosk.KindRating, kiosk.RatingSatisfied }, true},
		{"rating out of range", func(s *kiosk.Submission) { s.Kind, s.Body.Rating = kiosk.KindRating, 5 }, false},
		{"vote", func(s *kiosk.Submission) { s.Kind, s.Body.PollID, s.Body.Option = kiosk.KindVote, "p1", "yes" }, true},
		{"vote without option", func(s *kiosk.Submission) { s.Kind, s.Body.PollID = kiosk.KindVote, "p1" }, false},
		{"unknown kind", func(s *kiosk.Submission) { s.Kind = "complaint" }, false},
		{"bad kiosk id", func(s *kiosk.Submission) { s.Kiosk = "../x" }, false},
		{"bad id", func(s *kiosk.Submission) { s.ID = "123" }, false},
		{"unknown channel", func(s *kiosk.Submission) { s.Body.Channel = "voice" }, false},
		{"unknown language", func(s *kiosk.Submission) { s.Body.Lang = "fr" }, false},
		{"text too long", func(s *kiosk.Submission) { s.Body.Text = strings.Repeat("长", 301) }, false},
		{"text with control characters", func(s *kiosk.Submission) { s.Body.Text = "a\x00b" }, false},
		{"contact with consent", func(s *kiosk.Submission) { s.Body.Contact = &kiosk.Contact{Phone: "13812345678", Consent: true} }, true},
		{"contact without consent", func(s *kiosk.Submission) { s.Body.Contact = &kiosk.Contact{Phone: "13812345678"} }, false},
		{"contact with a bad phone", func(s *kiosk.Submission) { s.Body.Contact = &kiosk.Contact{Phone: "call me", Consent: true} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			tt.change(&s)
			err := s.Validate(kiosk.DefaultTextLimit)
			if (err == nil) != tt.ok {
				t.Fatalf("Validate = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && kiosk.ErrorCode(err) != kiosk.EINVALID {
				t.Errorf("code %q, want invalid", kiosk.ErrorCode(err))
			}
		})
	}
}
