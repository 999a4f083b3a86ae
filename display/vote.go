package display

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// pollList shows the results of closed polls and the open polls to vote on.
func (k *Kiosk) pollList(v session.View) fyne.CanvasObject {
	s := k.d.Session
	var items, tiles []fyne.CanvasObject
	if all, err := k.d.Snapshots.Polls(context.Background()); err == nil {
		// Results of polls that have closed, as the hub published them.
		for _, p := range all.Polls {
			if p.Results != nil && !p.Closes.IsZero() && !k.d.Now().Before(p.Closes) {
				items = append(items, k.bold(p.Title.In(v.Lang)+" · "+k.t("vote.results"), fyne.TextAlignLeading))
				for _, o := range p.Options {
					items = append(items, k.text(fmt.Sprintf("%s: %d %s", o.Text.In(v.Lang), p.Results[o.ID], k.t("vote.votes"))))
				}
			}
		}
	}
	for _, p := range k.polls {
		label := p.Title.In(v.Lang)
		if !p.Closes.IsZero() {
			label += "  (" + k.t("vote.closes") + " " + p.Closes.Local().Format("01-02") + ")"
		}
		// A picture tile: a long title goes on two lines, never cut.
		tiles = append(tiles, k.picTile(label, "vote", 2.5*k.th.Size(theme.SizeNameText), false, false, k.act(func() error {
			if err := s.ChoosePoll(p); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	if len(k.polls) == 0 {
		items = append(items, k.text(k.t("vote.none")))
	}
	if len(tiles) > 0 {
		items = append(items, k.pagedGrid("polls", 1, tiles))
	}
	return container.NewVBox(append([]fyne.CanvasObject{k.title(k.t("vote.polls"))}, items...)...)
}

// options offers a poll's options.
func (k *Kiosk) options(v session.View) fyne.CanvasObject {
	s := k.d.Session
	parts := []fyne.CanvasObject{k.title(v.Poll.Title.In(v.Lang))}
	if !k.short() {
		parts = append(parts, k.text(k.t("vote.option"))) // on a short panel the options say it
	}
	var opts []fyne.CanvasObject
	for _, o := range v.Poll.Options {
		label := o.Text.In(v.Lang)
		if v.Poll.Results != nil {
			label += fmt.Sprintf("  (%d %s)", v.Poll.Results[o.ID], k.t("vote.votes"))
		}
		opts = append(opts, k.big(label, v.Draft.Body.Option == o.ID, k.act(func() error {
			if err := s.ChooseOption(o.ID); err != nil {
				return err
			}
			return s.Next()
		})))
	}
	return container.NewVBox(append(parts, k.pagedGrid("option", 1, opts))...)
}

// openPolls keeps the polls still open now.
func openPolls(ps []kiosk.Poll, now func() time.Time) []kiosk.Poll {
	var out []kiosk.Poll
	for _, p := range ps {
		if p.Closes.IsZero() || now().Before(p.Closes) {
			out = append(out, p)
		}
	}
	return out
}
