package station

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

type loginView struct {
	who *widget.Select
	pin *widget.Entry
}

// showLogin asks a worker for their name and PIN.
func (s *App) showLogin() {
	s.loadWorkers()
	var names []string
	for _, w := range s.workers {
		names = append(names, w.Name+" · "+w.ID)
	}
	s.login.who = widget.NewSelect(names, nil)
	s.login.who.PlaceHolder = s.t("login.choose")
	s.login.pin = widget.NewPasswordEntry()
	s.login.pin.PlaceHolder = "PIN"
	s.login.pin.OnSubmitted = func(string) { s.tryLogin() }
	form := container.NewVBox(
		widget.NewLabelWithStyle(s.t("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabel(s.t("login.heading")),
		s.login.who, s.login.pin,
		widget.NewButton(s.t("login.button"), s.tryLogin),
		s.status,
	)
	if len(names) == 0 {
		s.say("%s", s.t("login.noworkers"))
	}
	s.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 330), form)))
}

// LogIn logs a worker in by id and shows the main screen (the form's
// action; the smoke tour and tests call it).
func (s *App) LogIn(id, pin string) error {
	w, err := s.d.Desk.Login(s.ctx, id, pin)
	if err != nil {
		return err
	}
	s.me = w
	s.say("%s", s.tf("login.welcome", w.Name))
	s.showMain()
	return nil
}

func (s *App) tryLogin() {
	i := s.login.who.SelectedIndex()
	if i < 0 {
		s.say("%s", s.t("login.choose"))
		return
	}
	pin := s.login.pin.Text
	s.login.pin.SetText("")
	s.fail(s.t("login.button"), s.LogIn(s.workers[i].ID, pin))
}
