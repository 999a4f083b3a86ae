package deskapi_test

import (
	"context"
	"testing"

	"opinionwall/hub"
	"opinionwall/hub/seed"
)

// BenchmarkInboxPage is what the review app pays for the service: an
// inbox page (50 cases and the filters' counts, on 3,000 submissions) and
// a case read in process (the Desk, as before) and over the socket (the
// client, as `hub app` now reads them).
func BenchmarkInboxPage(b *testing.B) {
	s := newStation(b, 3000)
	c := s.client(b)
	ctx := context.Background()
	local, err := s.desk.Login(ctx, "wang", seed.PIN)
	if err != nil {
		b.Fatal(err)
	}
	remote, err := c.Login(ctx, "wang", seed.PIN)
	if err != nil {
		b.Fatal(err)
	}
	in, err := s.desk.Inbox(ctx, local, hub.Filter{Limit: 50})
	if err != nil || len(in.Cases) == 0 {
		b.Fatal(err)
	}
	id := in.Cases[0].ID
	for _, tc := range []struct {
		name string
		read func() error
	}{
		{"desk", func() error {
			if _, err := s.desk.Inbox(ctx, local, hub.Filter{Limit: 50}); err != nil {
				return err
			}
			_, err := s.desk.Case(ctx, local, id)
			return err
		}},
		{"socket", func() error {
			if _, err := c.Inbox(ctx, remote, hub.Filter{Limit: 50}); err != nil {
				return err
			}
			_, err := c.Case(ctx, remote, id)
			return err
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if err := tc.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
