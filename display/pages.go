package display

// Pages of tiles: a step whose tiles do not fit under the header on a
// small panel (eight topics in 长辈模式 on the 7" display) shows as many
// rows as fit, and the footer turns the page (上一页 / 下一页), instead of
// scrolling tiles out of sight. How many fit is measured, not guessed:
// Refresh draws the screen, and while its body overflows it draws it
// again with a row fewer a page.

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pageState is the paging of the step on screen: which tiles, how many a
// page, and for which screen, size and mode it was measured.
type pageState struct {
	key   string // the step, the panel size, the mode and language
	at    int    // the page shown
	per   int    // tiles a page; 0: all on one
	cols  int    // columns of the paged grid
	total int    // tiles in all
	used  bool   // this drawing has a paged grid
}

// pagedGrid lays the tiles of the step name out in at most cols columns
// (fewer when the widest tile would not fit across), one page of them.
func (k *Kiosk) pagedGrid(name string, cols int, tiles []fyne.CanvasObject) fyne.CanvasObject {
	sz := k.panelSize()
	key := fmt.Sprintf("%s/%.0fx%.0f/%v/%s", name, sz.Width, sz.Height, k.th.Large, k.d.Session.View().Lang)
	if k.pg.key != key {
		k.pg = pageState{key: key}
	}
	pad := k.th.Size(theme.SizeNamePadding)
	var widest float32
	for _, t := range tiles {
		widest = max(widest, t.MinSize().Width)
	}
	if fit := int((sz.Width - 2*pad + pad) / (widest + pad)); fit < cols {
		cols = max(1, fit)
	}
	k.pg.cols, k.pg.total, k.pg.used = cols, len(tiles), true
	k.shrink = k.fewerRows
	shown := tiles
	if per := k.pg.per; per > 0 && per < len(tiles) {
		pages := (len(tiles) + per - 1) / per
		k.pg.at = max(0, min(k.pg.at, pages-1))
		shown = tiles[k.pg.at*per : min((k.pg.at+1)*per, len(tiles))]
	}
	return grid(cols, shown...)
}

// paged reports whether the tiles on screen are split into pages.
func (k *Kiosk) paged() bool {
	return k.pg.used && k.pg.per > 0 && k.pg.per < k.pg.total
}

// pageTurner is the footer's row that turns the pages, around the step's
// own forward button if it has one.
func (k *Kiosk) pageTurner() fyne.CanvasObject {
	pages := (k.pg.total + k.pg.per - 1) / k.pg.per
	turn := func(by int) func() {
		return k.act(func() error { k.pg.at += by; k.d.Session.Touch(); return nil })
	}
	prev, next := k.button(k.t("wall.prev"), turn(-1)), k.button(k.t("wall.next"), turn(1))
	if k.pg.at == 0 {
		prev.Disable()
	}
	if k.pg.at >= pages-1 {
		next.Disable()
	} else if k.next == nil {
		next.Importance = widget.HighImportance // more choices: say so
		next.Refresh()
	}
	t := k.target()
	middle := fyne.CanvasObject(container.NewCenter(k.line(fmt.Sprintf("%d / %d", k.pg.at+1, pages))))
	if k.next != nil {
		middle = k.next
	}
	return container.NewBorder(nil, nil, minSize(prev, t*1.5, t), minSize(next, t*1.5, t), middle)
}

// overflows reports whether the body of the drawing on screen is taller
// than its view, and if so has the screen take something off for the next
// drawing (shrink): false when there is nothing left to take.
func (k *Kiosk) overflows(view *container.Scroll) bool {
	if view == nil || k.shrink == nil || view.Content == nil {
		return false
	}
	// The view as tall as it is on the panel: a window that grew past the
	// panel (the test driver's does, to fit what it was shown) does not
	// make room a kiosk's panel has not.
	avail := view.Size().Height - max(0, k.win.Canvas().Size().Height-k.panelSize().Height)
	if view.Content.MinSize().Height <= avail+0.5 {
		return false
	}
	return k.shrink()
}

// fewerRows takes a row off the paged grid's pages.
func (k *Kiosk) fewerRows() bool {
	rows := (k.pg.total + k.pg.cols - 1) / k.pg.cols
	if k.pg.per > 0 {
		rows = k.pg.per / k.pg.cols
	}
	if rows <= 1 {
		return false
	}
	k.pg.per = (rows - 1) * k.pg.cols
	return true
}
