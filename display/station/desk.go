package station

import (
	"context"
	"time"

	"opinionwall/hub"
)

// Desk is the station's domain as the screens reach it: the rules of who
// may see and do what are behind it, never in the screens. *hub.Desk is
// one (the service's own window, tests); a client of the service's local
// API (hub/deskapi) is the other, for the review app on a desktop. Every
// call but Login and Roster takes the logged-in worker; a client sends
// its session instead, and the service acts for whoever the session is.
type Desk interface {
	Login(ctx context.Context, id, pin string) (hub.Worker, error)
	Roster(ctx context.Context) ([]hub.Worker, error)

	Inbox(ctx context.Context, w hub.Worker, f hub.Filter) (hub.Inbox, error)
	Case(ctx context.Context, w hub.Worker, id string) (hub.CaseView, error)
	Act(ctx context.Context, w hub.Worker, id string, version int64, a hub.Action) (hub.Case, error)
	VoiceAudio(ctx context.Context, w hub.Worker, id string) ([]byte, error)
	ReplyWithReferrals(ctx context.Context, w hub.Worker, id string, version int64, a hub.Action, referrals []string) (hub.Case, error)

	Polls(ctx context.Context, w hub.Worker) ([]hub.PollView, error)
	CreatePoll(ctx context.Context, w hub.Worker, p hub.Poll) error
	PollAct(ctx context.Context, w hub.Worker, id string, act hub.PollAction) (hub.Poll, error)

	Stats(ctx context.Context, w hub.Worker, from, to time.Time) (hub.Stats, error)
	Fleet(ctx context.Context, w hub.Worker) ([]hub.KioskView, error)
	Targets(ctx context.Context, w hub.Worker) (hub.Targets, error)
	SetTargets(ctx context.Context, w hub.Worker, t hub.Targets) error
	ReplyTemplates(ctx context.Context, w hub.Worker) ([]string, error)
	SetReplyTemplates(ctx context.Context, w hub.Worker, texts []string) error

	CreateItem(ctx context.Context, w hub.Worker, dr hub.ItemDraft) (hub.Item, error)
	Items(ctx context.Context, w hub.Worker) ([]hub.ItemView, error)
	ItemHistory(ctx context.Context, w hub.Worker, id string) ([]hub.Audit, error)
	ItemPhoto(ctx context.Context, w hub.Worker, name string) ([]byte, error)
	ItemStep(ctx context.Context, w hub.Worker, id string, version int64, a hub.ItemAction, photo []byte) (hub.Item, error)
	Deliberation(ctx context.Context, w hub.Worker) (hub.DeliberationSettings, error)
	SetDeliberation(ctx context.Context, w hub.Worker, s hub.DeliberationSettings) error
	SetReferrals(ctx context.Context, w hub.Worker, rs []hub.ReferralService) error

	SendVoicePack(ctx context.Context, w hub.Worker, signed []byte, kiosks []string) (hub.VoicePackSent, error)
	VoicePackAnswers(ctx context.Context, w hub.Worker) ([]hub.VoicePackAnswer, error)
}

var _ Desk = (*hub.Desk)(nil)

// loggerOut is a Desk that keeps sessions: the app ends the worker's
// session when they log out.
type loggerOut interface {
	Logout(ctx context.Context, w hub.Worker) error
}
