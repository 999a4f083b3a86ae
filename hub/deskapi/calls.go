package deskapi

import (
	"context"
	"time"

	"opinionwall/hub"
)

// The Desk's calls, each in the worker's session: the service acts for
// whoever the session is.

func (c *Client) Inbox(ctx context.Context, w hub.Worker, f hub.Filter) (hub.Inbox, error) {
	var r hub.Inbox
	return r, c.as(ctx, w, "inbox", filterArgs{Filter: f}, &r)
}

func (c *Client) Case(ctx context.Context, w hub.Worker, id string) (hub.CaseView, error) {
	var r hub.CaseView
	return r, c.as(ctx, w, "case", caseArgs{ID: id}, &r)
}

func (c *Client) Act(ctx context.Context, w hub.Worker, id string, version int64, a hub.Action) (hub.Case, error) {
	var r hub.Case
	return r, c.as(ctx, w, "act", caseArgs{ID: id, Version: version, Action: a}, &r)
}

func (c *Client) ReplyWithReferrals(ctx context.Context, w hub.Worker, id string, version int64, a hub.Action, referrals []string) (hub.Case, error) {
	var r hub.Case
	return r, c.as(ctx, w, "reply_with_referrals", caseArgs{ID: id, Version: version, Action: a, Referrals: referrals}, &r)
}

// EachCase calls fn for every case the filter selects, as the worker may
// see them (the ledger and the report).
func (c *Client) EachCase(ctx context.Context, w hub.Worker, f hub.Filter, fn func(hub.Case) error) error {
	var cs []hub.Case
	if err := c.as(ctx, w, "each_case", filterArgs{Filter: f}, &cs); err != nil {
		return err
	}
	for _, x := range cs {
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) Polls(ctx context.Context, w hub.Worker) ([]hub.PollView, error) {
	var r []hub.PollView
	return r, c.as(ctx, w, "polls", nil, &r)
}

func (c *Client) CreatePoll(ctx context.Context, w hub.Worker, p hub.Poll) error {
	return c.as(ctx, w, "create_poll", pollArgs{Poll: p}, nil)
}

func (c *Client) PollAct(ctx context.Context, w hub.Worker, id string, act hub.PollAction) (hub.Poll, error) {
	var r hub.Poll
	return r, c.as(ctx, w, "poll_act", pollArgs{ID: id, Act: act}, &r)
}

func (c *Client) Stats(ctx context.Context, w hub.Worker, from, to time.Time) (hub.Stats, error) {
	var r hub.Stats
	return r, c.as(ctx, w, "stats", periodArgs{From: from, To: to}, &r)
}

func (c *Client) ItemChanges(ctx context.Context, w hub.Worker, from, to time.Time) ([]hub.ItemChange, error) {
	var r []hub.ItemChange
	return r, c.as(ctx, w, "item_changes", periodArgs{From: from, To: to}, &r)
}

func (c *Client) Fleet(ctx context.Context, w hub.Worker) ([]hub.KioskView, error) {
	var r []hub.KioskView
	return r, c.as(ctx, w, "fleet", nil, &r)
}

func (c *Client) Targets(ctx context.Context, w hub.Worker) (hub.Targets, error) {
	var r hub.Targets
	return r, c.as(ctx, w, "targets", nil, &r)
}

func (c *Client) SetTargets(ctx context.Context, w hub.Worker, t hub.Targets) error {
	return c.as(ctx, w, "set_targets", settingsArgs{Targets: t}, nil)
}

func (c *Client) ReplyTemplates(ctx context.Context, w hub.Worker) ([]string, error) {
	var r []string
	return r, c.as(ctx, w, "reply_templates", nil, &r)
}

func (c *Client) SetReplyTemplates(ctx context.Context, w hub.Worker, texts []string) error {
	return c.as(ctx, w, "set_reply_templates", settingsArgs{Templates: texts}, nil)
}

func (c *Client) CreateItem(ctx context.Context, w hub.Worker, dr hub.ItemDraft) (hub.Item, error) {
	var r hub.Item
	return r, c.as(ctx, w, "create_item", itemArgs{Draft: dr}, &r)
}

func (c *Client) Items(ctx context.Context, w hub.Worker) ([]hub.ItemView, error) {
	var r []hub.ItemView
	return r, c.as(ctx, w, "items", nil, &r)
}

func (c *Client) ItemHistory(ctx context.Context, w hub.Worker, id string) ([]hub.Audit, error) {
	var r []hub.Audit
	return r, c.as(ctx, w, "item_history", itemArgs{ID: id}, &r)
}

// VoiceAudio is a voice case's recording, for a role that may listen.
func (c *Client) VoiceAudio(ctx context.Context, w hub.Worker, id string) ([]byte, error) {
	var r []byte
	return r, c.as(ctx, w, "voice_audio", caseArgs{ID: id}, &r)
}

func (c *Client) ItemPhoto(ctx context.Context, w hub.Worker, name string) ([]byte, error) {
	var r []byte
	return r, c.as(ctx, w, "item_photo", itemArgs{Name: name}, &r)
}

func (c *Client) ItemStep(ctx context.Context, w hub.Worker, id string, version int64, a hub.ItemAction, photo []byte) (hub.Item, error) {
	var r hub.Item
	return r, c.as(ctx, w, "item_step", itemArgs{ID: id, Version: version, Action: a, Photo: photo}, &r)
}

func (c *Client) Deliberation(ctx context.Context, w hub.Worker) (hub.DeliberationSettings, error) {
	var r hub.DeliberationSettings
	return r, c.as(ctx, w, "deliberation", nil, &r)
}

func (c *Client) SetDeliberation(ctx context.Context, w hub.Worker, s hub.DeliberationSettings) error {
	return c.as(ctx, w, "set_deliberation", settingsArgs{Deliberation: s}, nil)
}

func (c *Client) SetReferrals(ctx context.Context, w hub.Worker, rs []hub.ReferralService) error {
	return c.as(ctx, w, "set_referrals", settingsArgs{Referrals: rs}, nil)
}

// SendVoicePack sends a signed voice pack to the booths (a lead's).
func (c *Client) SendVoicePack(ctx context.Context, w hub.Worker, signed []byte, kiosks []string) (hub.VoicePackSent, error) {
	var r hub.VoicePackSent
	return r, c.as(ctx, w, "send_voice_pack", voicePackArgs{Signed: signed, Kiosks: kiosks}, &r)
}

// VoicePackAnswers is each booth's latest answer to a voice pack.
func (c *Client) VoicePackAnswers(ctx context.Context, w hub.Worker) ([]hub.VoicePackAnswer, error) {
	var r []hub.VoicePackAnswer
	return r, c.as(ctx, w, "voice_pack_answers", nil, &r)
}
