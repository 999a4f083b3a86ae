package hub_test

import (
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestNewPollDraft(t *testing.T) {
	now := time.Date(2026, 11, 30, 9, 5, 7, 0, time.UTC)
	in := hub.PollDraftInput{Title: "村口空地做什么", TitleEn: "The square", Options: "篮球场\n\n儿童乐园\n", OptionsEn: "Basketball\nPlayground",
		Opens: now, Closes: now.AddDate(0, 0, 14)}
	p, err := hub.NewPollDraft(in, "zhang", now)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "poll-20261130-090507" || p.Title != (kiosk.Text{Zh: "村口空地做什么", En: "The square"}) {
		t.Fatalf("id %q title %+v", p.ID, p.Title)
	}
	if len(p.Options) != 2 || p.Options[1].Text != (kiosk.Text{Zh: "儿童乐园", En: "Playground"}) {
		t.Fatalf("options %+v", p.Options)
	}
	in.OptionsEn = "Basketball"
	if _, err := hub.NewPollDraft(in, "zhang", now); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("2 Chinese options, 1 English: %v", err)
	}
	in.OptionsEn, in.TitleEn = "", ""
	if p, err := hub.NewPollDraft(in, "zhang", now); err != nil || p.Title.En != "" {
		t.Fatalf("Chinese only: %+v, %v", p, err)
	}
	in.Title = "a | b"
	if _, err := hub.NewPollDraft(in, "zhang", now); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("a pipe in the title: %v", err)
	}
}
