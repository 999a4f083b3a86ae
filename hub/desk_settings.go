package hub

import (
	"context"
	"fmt"

	"opinionwall/kiosk"
)

// SettingsStore keeps what leads set for the desk: the targets per class
// and the reply templates (常用语).
type SettingsStore interface {
	// Targets returns the targets set (classes never set are absent).
	Targets(ctx context.Context) (Targets, error)
	SetTargets(ctx context.Context, t Targets, by Audit) error
	ReplyTemplates(ctx context.Context) ([]string, error)
	SetReplyTemplates(ctx context.Context, texts []string, by Audit) error
}

// Limits of the reply templates.
const (
	MaxReplyTemplates   = 40
	MaxReplyTemplateLen = 300
)

// Targets returns the station's targets per class, the defaults where a
// lead set none.
func (d *Desk) Targets(ctx context.Context, w Worker) (Targets, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	out := DefaultTargets()
	if d.Settings == nil {
		return out, nil
	}
	set, err := d.Settings.Targets(ctx)
	if err != nil {
		return nil, err
	}
	for m, t := range set {
		out[m] = t
	}
	return out, nil
}

// SetTargets stores targets (a lead's): the classes given replace theirs.
func (d *Desk) SetTargets(ctx context.Context, w Worker, t Targets) error {
	if err := w.mayRunPolls("set targets"); err != nil {
		return err
	}
	if err := t.Check(); err != nil {
		return err
	}
	if d.Settings == nil {
		return kiosk.Errorf(kiosk.EINVALID, "targets: no settings store")
	}
	return d.Settings.SetTargets(ctx, t, Audit{Case: "settings:targets", Worker: w.ID, At: d.Now(), Action: "set_targets"})
}

// ReplyTemplates returns the reply templates (常用语), in order.
func (d *Desk) ReplyTemplates(ctx context.Context, w Worker) ([]string, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	if d.Settings == nil {
		return nil, nil
	}
	return d.Settings.ReplyTemplates(ctx)
}

// SetReplyTemplates replaces the reply templates (a lead's); blank lines
// are dropped, each is cleaned like a reply.
func (d *Desk) SetReplyTemplates(ctx context.Context, w Worker, texts []string) error {
	if err := w.mayRunPolls("edit reply templates"); err != nil {
		return err
	}
	var clean []string
	for i, s := range texts {
		t, err := workerText(FieldTemplate, s, MaxReplyTemplateLen, false)
		if err != nil {
			return fmt.Errorf("template %d: %w", i+1, err)
		}
		if t != "" {
			clean = append(clean, t)
		}
	}
	if len(clean) > MaxReplyTemplates {
		return refusal(kiosk.EINVALID, "templates.many", "at most %d reply templates, not %d", MaxReplyTemplates, len(clean))
	}
	if d.Settings == nil {
		return kiosk.Errorf(kiosk.EINVALID, "reply templates: no settings store")
	}
	return d.Settings.SetReplyTemplates(ctx, clean, Audit{Case: "settings:templates", Worker: w.ID, At: d.Now(),
		Action: "set_templates", Detail: fmt.Sprintf("%d", len(clean))})
}
