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
	s.login.who.PlaceHolder = "选择姓名 Choose your name"
	s.login.pin = widget.NewPasswordEntry()
	s.login.pin.PlaceHolder = "PIN"
	s.login.pin.OnSubmitted = func(string) { s.tryLogin() }
	form := container.NewVBox(
		widget.NewLabelWithStyle("意见墙 · 社区工作站", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabel("工作人员登录 Worker log-in"),
		s.login.who, s.login.pin,
		widget.NewButton("登录 Log in", s.tryLogin),
		s.status,
	)
	if len(names) == 0 {
		s.say("还没有工作人员：请用 hub worker add 添加 (no workers yet: add one with hub worker add)")
	}
	s.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 330), form)))
}

// LogIn logs a worker in by id (the form's action; tests call it).
func (s *App) LogIn(id, pin string) error {
	w, err := s.d.Desk.Login(s.ctx, id, pin)
	if err != nil {
		return err
	}
	s.me = w
	s.say("欢迎 %s", w.Name)
	s.showMain()
	return nil
}

func (s *App) tryLogin() {
	i := s.login.who.SelectedIndex()
	if i < 0 {
		s.say("请选择姓名 Choose your name")
		return
	}
	pin := s.login.pin.Text
	s.login.pin.SetText("")
	s.fail("登录 Log in", s.LogIn(s.workers[i].ID, pin))
}
