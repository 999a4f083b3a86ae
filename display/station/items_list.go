package station

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
)

// refreshItems lists the community's items with their next step.
func (s *App) refreshItems() {
	v := &s.items
	if v.list == nil {
		return
	}
	items, err := s.d.Desk.Items(s.ctx, s.me)
	if s.fail(s.t("item.list"), err) {
		return
	}
	var objs []fyne.CanvasObject
	if len(items) == 0 {
		objs = append(objs, widget.NewLabel(s.t("item.empty")))
	}
	for i := len(items) - 1; i >= 0; i-- {
		objs = append(objs, s.itemRows(&items[i])...)
	}
	v.list.Objects = objs
	v.list.Refresh()
	s.loadSettings()
	s.loadReferrals()
	if len(v.found.Objects) == 0 {
		s.findOpinions() // the newest opinions, to start from
	}
}

// itemRows show one item: number, title, stage, supporters, its vote, its
// progress and audit, and the button of its next step.
func (s *App) itemRows(iv *hub.ItemView) []fyne.CanvasObject {
	it := iv.Item
	objs := []fyne.CanvasObject{widget.NewSeparator(),
		bold(s.tf("item.head", it.N, it.Title.In(string(s.d.Lang)), s.stageName(it.Stage), it.Supporters()))}
	if it.Description != "" {
		l := widget.NewLabel(it.Description)
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	if img := s.itemPhoto(it.Photo); img != nil {
		objs = append(objs, container.NewHBox(img))
	}
	switch {
	case it.Stage == hub.StageVoting:
		objs = append(objs, widget.NewLabel(s.tf("item.tally", iv.Proposed.Agree, iv.Proposed.Disagree, iv.Proposed.Abstain, iv.Proposed.Play)))
	case it.Stage.Decided():
		objs = append(objs, widget.NewLabel(s.tf("item.tally", it.Result.Agree, it.Result.Disagree, it.Result.Abstain, it.Result.Play)))
	}
	for _, g := range it.Progress {
		line := fmtTime(g.At) + " " + g.Note
		if g.Budget > 0 {
			line += s.tf("item.budget", g.Budget)
		}
		objs = append(objs, widget.NewLabel("· "+line))
	}
	if hist, err := s.d.Desk.ItemHistory(s.ctx, s.me, it.ID); err == nil && len(hist) > 0 {
		var steps []string
		for _, h := range hist {
			steps = append(steps, fmt.Sprintf("%s %s %s", h.At.Local().Format("01-02 15:04"), s.workerName(h.Worker), s.t(dotted("act", string(h.Action)))))
		}
		l := widget.NewLabel(strings.Join(steps, " → "))
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	return append(objs, container.NewHBox(s.itemButtons(iv)...))
}

// itemButtons are the steps the item can take next; the Desk decides who
// may take them.
func (s *App) itemButtons(iv *hub.ItemView) []fyne.CanvasObject {
	it := iv.Item
	btn := func(key string, a hub.ItemAction) fyne.CanvasObject {
		return widget.NewButton(s.tf(key, it.N), func() { s.itemStep(it, a) })
	}
	// Steps that cannot be taken back say what will happen first.
	sure := func(key, confirm string, a hub.ItemAction) fyne.CanvasObject {
		return widget.NewButton(s.tf(key, it.N), func() {
			s.confirm(s.tf(confirm, it.N, it.Title.In(string(s.d.Lang))), func() { s.itemStep(it, a) })
		})
	}
	switch it.Stage {
	case hub.StageCollecting:
		return []fyne.CanvasObject{sure("item.vote", "confirm.itemvote", hub.ItemAction{Kind: hub.ItemVote})}
	case hub.StageVoting:
		key := "item.decide.no"
		if iv.Carries {
			key = "item.decide.yes"
		}
		return []fyne.CanvasObject{sure(key, key+".confirm", hub.ItemAction{Kind: hub.ItemDecide})}
	case hub.StageAdopted:
		return []fyne.CanvasObject{btn("item.note", hub.ItemAction{Kind: hub.ItemProgress}), sure("item.start", "confirm.itemstart", hub.ItemAction{Kind: hub.ItemStart})}
	case hub.StageUnderway:
		return []fyne.CanvasObject{btn("item.note", hub.ItemAction{Kind: hub.ItemProgress}), sure("item.finish", "confirm.itemfinish", hub.ItemAction{Kind: hub.ItemFinish})}
	}
	return nil
}

// settingsForm edits the deliberation day and the vote rule (a lead's).
func (s *App) settingsForm() fyne.CanvasObject {
	v := &s.items
	v.dayDate, v.dayFrom, v.dayTo = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.dayDate.PlaceHolder, v.dayFrom.PlaceHolder, v.dayTo.PlaceHolder = s.t("item.ph.daydate"), "09:00", "17:00"
	v.turnout, v.majority = widget.NewEntry(), widget.NewEntry()
	v.turnout.PlaceHolder, v.majority.PlaceHolder = s.t("item.ph.turnout"), s.t("item.ph.majority")
	v.live = widget.NewCheck(s.t("item.live"), nil)
	labeled := func(key string, e *widget.Entry) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(s.t(key)), nil, e)
	}
	v.settings = widget.NewAccordion(widget.NewAccordionItem(s.t("item.settings"), container.NewVBox(
		container.NewGridWithColumns(3, labeled("item.l.day", v.dayDate), labeled("item.l.from", v.dayFrom), labeled("item.l.to", v.dayTo)),
		container.NewGridWithColumns(3, labeled("item.l.turnout", v.turnout), labeled("item.l.majority", v.majority), v.live),
		widget.NewButton(s.t("item.savesettings"), s.saveSettings))), s.referralsItem())
	return container.NewVBox(v.settings, widget.NewSeparator())
}

func (s *App) loadSettings() {
	v := &s.items
	set, err := s.d.Desk.Deliberation(s.ctx, s.me)
	if err != nil || v.dayDate == nil {
		return
	}
	v.dayDate.SetText(set.Day.Date)
	v.dayFrom.SetText(set.Day.From)
	v.dayTo.SetText(set.Day.To)
	v.live.SetChecked(set.Day.LiveTallies)
	v.turnout.SetText(strconv.Itoa(set.Rule.MinTurnout))
	v.majority.SetText(strconv.Itoa(set.Rule.MajorityPct))
}

func (s *App) saveSettings() {
	v := &s.items
	set, err := s.d.Desk.Deliberation(s.ctx, s.me)
	if s.fail(s.t("item.settings"), err) {
		return
	}
	set.Day.Date, set.Day.From, set.Day.To = strings.TrimSpace(v.dayDate.Text), strings.TrimSpace(v.dayFrom.Text), strings.TrimSpace(v.dayTo.Text)
	set.Day.LiveTallies = v.live.Checked
	t, err1 := strconv.Atoi(strings.TrimSpace(v.turnout.Text))
	m, err2 := strconv.Atoi(strings.TrimSpace(v.majority.Text))
	if err1 != nil || err2 != nil {
		s.say("%s", s.t("item.badrule"))
		return
	}
	set.Rule.MinTurnout, set.Rule.MajorityPct = t, m
	if s.fail(s.t("item.settings"), s.d.Desk.SetDeliberation(s.ctx, s.me, set)) {
		return
	}
	s.say("%s", s.t("item.settingssaved"))
}

// exportItems writes the list to the export folder.
func (s *App) exportItems(format string) {
	path, n, err := s.writeItems(format)
	if s.fail(s.t("what.export"), err) {
		return
	}
	s.say("%s", s.tf("export.done", n, path))
}

// writeItems writes the numbered list as CSV or XLSX and returns the
// file's path and the rows written.
func (s *App) writeItems(format string) (string, int, error) {
	if s.d.ItemsList == nil {
		return "", 0, fmt.Errorf("%s", s.t("export.none"))
	}
	views, err := s.d.Desk.Items(s.ctx, s.me)
	if err != nil {
		return "", 0, err
	}
	items := make([]hub.Item, len(views))
	for i := range views {
		items[i] = views[i].Item
	}
	dir := s.d.ExportDir
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s.%s", s.t("item.file"), s.d.Now().Format("20060102-150405"), format))
	f, err := createPrivate(path + ".part")
	if err != nil {
		return "", 0, err
	}
	n, err := s.d.ItemsList(f, format, items)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(path+".part", path)
	}
	if err != nil {
		os.Remove(path + ".part")
		return "", 0, err
	}
	return path, n, nil
}

// itemPhoto is a thumbnail of a stored photo; nil for none.
func (s *App) itemPhoto(name string) fyne.CanvasObject {
	if name == "" {
		return nil
	}
	b, err := s.d.Desk.ItemPhoto(s.ctx, s.me, name)
	if err != nil {
		return nil
	}
	img := canvas.NewImageFromReader(bytes.NewReader(b), name)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(160, 120))
	return img
}

// stageName is an item's stage in the screens' language.
func (s *App) stageName(st hub.ItemStage) string { return s.t(dotted("stage", string(st))) }

// dotted names a catalog key made of a group and a value.
func dotted(group, value string) string { return group + "." + value }
