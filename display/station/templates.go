package station

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// templatePicker offers the reply templates (常用语); choosing one adds
// it to the reply.
func (s *App) templatePicker() *widget.Select {
	sel := widget.NewSelect(s.templates, nil)
	sel.PlaceHolder = s.t("ph.template")
	sel.OnChanged = func(t string) {
		if t == "" || s.form.reply == nil {
			return
		}
		r := strings.TrimSpace(s.form.reply.Text)
		if r != "" {
			r += "\n"
		}
		s.form.reply.SetText(r + t)
		sel.ClearSelected()
	}
	return sel
}

// loadTemplates reads the reply templates; false when that failed (said
// on the status line).
func (s *App) loadTemplates() bool {
	ts, err := s.d.Desk.ReplyTemplates(s.ctx, s.me)
	if s.fail(s.t("what.tpl"), err) {
		return false
	}
	s.templates = ts
	return true
}

// EditTemplates lets a lead edit the reply templates, one a line (the
// inbox's button).
func (s *App) EditTemplates() {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetText(strings.Join(s.templates, "\n"))
	e.SetMinRowsVisible(10)
	d := dialog.NewCustomConfirm(s.t("tpl.title"), s.t("tpl.save"), s.t("confirm.no"), container.NewStack(e), func(save bool) {
		if save {
			s.SaveTemplates(strings.Split(e.Text, "\n"))
		}
	}, s.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// SaveTemplates stores the reply templates (the editor's action).
func (s *App) SaveTemplates(lines []string) error {
	err := s.d.Desk.SetReplyTemplates(s.ctx, s.me, lines)
	if s.fail(s.t("what.tpl"), err) {
		return err
	}
	s.loadTemplates()
	s.say("%s", s.tf("tpl.saved", len(s.templates)))
	if s.form.template != nil {
		s.form.template.SetOptions(s.templates)
	}
	return nil
}
