package display

import (
	"bytes"
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// wall pages through the station's published replies.
func (k *Kiosk) wall(v session.View) fyne.CanvasObject {
	w, err := k.d.Snapshots.Wall(context.Background())
	if err == nil && len(w.Projects) > 0 {
		return k.wallWithProjects(w)
	}
	if err != nil || len(w.Items) == 0 {
		return container.NewVBox(k.title(k.t("wall.title")), k.text(k.t("wall.empty")))
	}
	pages := k.replyPages(w.Items)
	k.wallPage = max(0, min(k.wallPage, len(pages)-1))
	k.next = k.wallTurner(len(pages))
	at := func(item int) int { return firstPageOf(k.replyPages(w.Items), item) }
	return container.NewVBox(append([]fyne.CanvasObject{k.title(k.t("wall.title"))}, k.replyPage(w.Items, pages[k.wallPage], at)...)...)
}

// replyPage is one page of the replies: its part of a reply and which
// reply it is.
type replyPage struct {
	item int
	part int // 0: the whole reply; split: 1 the question, 2 the answer, 3 the picture
}

// replyPages lists the pages of the replies: one a reply, or, when they are
// split (wallSplit: a reply too long for the panel in 长辈模式 on the 7"
// display), its question, then the station's answer, then the picture of
// the work done if there is one.
func (k *Kiosk) replyPages(items []kiosk.WallItem) []replyPage {
	var out []replyPage
	for i, it := range items {
		switch {
		case !k.wallSplit:
			out = append(out, replyPage{i, 0})
		case it.Picture != nil:
			out = append(out, replyPage{i, 1}, replyPage{i, 2}, replyPage{i, 3})
		default:
			out = append(out, replyPage{i, 1}, replyPage{i, 2})
		}
	}
	return out
}

// replyPage draws a page of the replies. A whole reply that does not fit
// splits the replies (on the same reply's first page).
func (k *Kiosk) replyPage(items []kiosk.WallItem, p replyPage, at func(item int) int) []fyne.CanvasObject {
	it := items[p.item]
	question := k.bold(it.Question, fyne.TextAlignLeading)
	answer := k.text(k.t("wall.reply") + k.inLang(it.Reply, it.ReplyEn))
	switch p.part {
	case 1: // the question alone: say that its answer follows
		return []fyne.CanvasObject{question, k.text(k.t("wall.replynext"))}
	case 2:
		return []fyne.CanvasObject{answer}
	case 3:
		return []fyne.CanvasObject{k.bold(k.t("wall.after"), fyne.TextAlignLeading), k.wallPicture(it)}
	}
	k.shrink = func() bool { k.wallSplit = true; k.wallPage = at(p.item); return true }
	parts := []fyne.CanvasObject{question, answer}
	if it.Picture != nil {
		parts = append(parts, container.NewHBox(k.wallPicture(it), container.NewCenter(k.line(k.t("wall.after")))))
	}
	return parts
}

// wallPicture is the photo of the work done, three targets wide.
func (k *Kiosk) wallPicture(it kiosk.WallItem) fyne.CanvasObject {
	img := canvas.NewImageFromReader(bytes.NewReader(it.Picture), it.ID+".jpg")
	img.FillMode = canvas.ImageFillContain
	t := k.target()
	img.SetMinSize(fyne.NewSize(3*t, 2*t))
	return img
}

// firstPageOf is the index of the item's first page.
func firstPageOf(pages []replyPage, item int) int {
	for i, p := range pages {
		if p.item == item {
			return i
		}
	}
	return 0
}

// wallTurner is the footer's row that turns the wall's pages.
func (k *Kiosk) wallTurner(pages int) fyne.CanvasObject {
	prev := k.button(k.t("wall.prev"), k.act(func() error { k.wallPage--; k.d.Session.Touch(); return nil }))
	next := k.button(k.t("wall.next"), k.act(func() error { k.wallPage++; k.d.Session.Touch(); return nil }))
	if k.wallPage == 0 {
		prev.Disable()
	}
	if k.wallPage >= pages-1 {
		next.Disable()
	}
	t := k.target()
	return container.NewBorder(nil, nil, minSize(prev, 2*t, t), minSize(next, 2*t, t),
		container.NewCenter(k.line(fmt.Sprintf("%d / %d", k.wallPage+1, pages))))
}
