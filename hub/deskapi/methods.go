package deskapi

import (
	"context"
	"encoding/json"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// method is one of the Desk's calls for the session's worker me; the
// body holds its arguments, never who is calling.
type method func(ctx context.Context, d *hub.Desk, me hub.Worker, body []byte) (any, error)

// The arguments of the methods, as JSON.
type (
	caseArgs struct {
		ID        string     `json:"id"`
		Version   int64      `json:"version"`
		Action    hub.Action `json:"action"`
		Referrals []string   `json:"referrals,omitempty"`
	}
	filterArgs struct {
		Filter hub.Filter `json:"filter"`
	}
	periodArgs struct {
		From time.Time `json:"from"`
		To   time.Time `json:"to"`
	}
	pollArgs struct {
		ID   string         `json:"id"`
		Act  hub.PollAction `json:"act"`
		Poll hub.Poll       `json:"poll"`
	}
	itemArgs struct {
		ID      string         `json:"id"`
		Version int64          `json:"version"`
		Action  hub.ItemAction `json:"action"`
		Photo   []byte         `json:"photo,omitempty"`
		Name    string         `json:"name,omitempty"`
		Draft   hub.ItemDraft  `json:"draft"`
	}
	voicePackArgs struct {
		Signed []byte   `json:"signed"`
		Kiosks []string `json:"kiosks,omitempty"`
	}
	settingsArgs struct {
		Targets      hub.Targets              `json:"targets,omitempty"`
		Templates    []string                 `json:"templates,omitempty"`
		Deliberation hub.DeliberationSettings `json:"deliberation"`
		Referrals    []hub.ReferralService    `json:"referrals,omitempty"`
	}
)

// with decodes a method's arguments into A, then calls f.
func with[A any](f func(ctx context.Context, d *hub.Desk, me hub.Worker, a A) (any, error)) method {
	return func(ctx context.Context, d *hub.Desk, me hub.Worker, body []byte) (any, error) {
		var a A
		if len(body) > 0 {
			if err := json.Unmarshal(body, &a); err != nil {
				return nil, kiosk.WrapError(kiosk.EINVALID, err, "arguments")
			}
		}
		return f(ctx, d, me, a)
	}
}

type none struct{}

var ok = struct{}{}

// methods are the calls a session may make: each is the Desk's, with the
// session's worker.
var methods = map[string]method{
	"inbox": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a filterArgs) (any, error) {
		return d.Inbox(ctx, me, a.Filter)
	}),
	"case": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a caseArgs) (any, error) {
		return d.Case(ctx, me, a.ID)
	}),
	"act": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a caseArgs) (any, error) {
		return d.Act(ctx, me, a.ID, a.Version, a.Action)
	}),
	"reply_with_referrals": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a caseArgs) (any, error) {
		return d.ReplyWithReferrals(ctx, me, a.ID, a.Version, a.Action, a.Referrals)
	}),
	"each_case": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a filterArgs) (any, error) {
		out := []hub.Case{}
		err := d.EachCase(ctx, me, a.Filter, func(c hub.Case) error { out = append(out, c); return nil })
		return out, err
	}),
	"polls": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) { return d.Polls(ctx, me) }),
	"create_poll": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a pollArgs) (any, error) {
		return ok, d.CreatePoll(ctx, me, a.Poll)
	}),
	"poll_act": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a pollArgs) (any, error) {
		return d.PollAct(ctx, me, a.ID, a.Act)
	}),
	"stats": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a periodArgs) (any, error) {
		return d.Stats(ctx, me, a.From, a.To)
	}),
	"item_changes": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a periodArgs) (any, error) {
		return d.ItemChanges(ctx, me, a.From, a.To)
	}),
	"fleet":   with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) { return d.Fleet(ctx, me) }),
	"targets": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) { return d.Targets(ctx, me) }),
	"set_targets": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a settingsArgs) (any, error) {
		return ok, d.SetTargets(ctx, me, a.Targets)
	}),
	"reply_templates": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) {
		return d.ReplyTemplates(ctx, me)
	}),
	"set_reply_templates": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a settingsArgs) (any, error) {
		return ok, d.SetReplyTemplates(ctx, me, a.Templates)
	}),
	"create_item": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a itemArgs) (any, error) {
		return d.CreateItem(ctx, me, a.Draft)
	}),
	"items": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) { return d.Items(ctx, me) }),
	"item_history": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a itemArgs) (any, error) {
		return d.ItemHistory(ctx, me, a.ID)
	}),
	"voice_audio": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a caseArgs) (any, error) {
		return d.VoiceAudio(ctx, me, a.ID)
	}),
	"item_photo": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a itemArgs) (any, error) {
		return d.ItemPhoto(ctx, me, a.Name)
	}),
	"item_step": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a itemArgs) (any, error) {
		return d.ItemStep(ctx, me, a.ID, a.Version, a.Action, a.Photo)
	}),
	"deliberation": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) {
		return d.Deliberation(ctx, me)
	}),
	"set_deliberation": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a settingsArgs) (any, error) {
		return ok, d.SetDeliberation(ctx, me, a.Deliberation)
	}),
	"send_voice_pack": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a voicePackArgs) (any, error) {
		return d.SendVoicePack(ctx, me, a.Signed, a.Kiosks)
	}),
	"voice_pack_answers": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, _ none) (any, error) {
		return d.VoicePackAnswers(ctx, me)
	}),
	"set_referrals": with(func(ctx context.Context, d *hub.Desk, me hub.Worker, a settingsArgs) (any, error) {
		return ok, d.SetReferrals(ctx, me, a.Referrals)
	}),
}
