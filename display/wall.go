package display

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
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
	pages := k.replyPages(len(w.Items))
	k.wallPage = max(0, min(k.wallPage, pages-1))
	k.next = k.wallTurner(pages)
	return container.NewVBox(append([]fyne.CanvasObject{k.title(k.t("wall.title"))}, k.replyPage(w.Items, k.wallPage)...)...)
}

// replyPages is how many pages n replies take: one each, or two when they
// are split (wallSplit: a reply too long for the panel in 长辈模式 on the 7"
// display shows its question, then the station's answer).
func (k *Kiosk) replyPages(n int) int {
	if k.wallSplit {
		return 2 * n
	}
	return n
}

// replyPage is the reply page i: the question and the answer, or one of
// them when split. A page that does not fit splits the replies.
func (k *Kiosk) replyPage(items []kiosk.WallItem, i int) []fyne.CanvasObject {
	if !k.wallSplit {
		k.shrink = func() bool { k.wallSplit, k.wallPage = true, 2*k.wallPage; return true }
		it := items[i]
		return []fyne.CanvasObject{k.bold(it.Question, fyne.TextAlignLeading), k.text(k.t("wall.reply") + k.inLang(it.Reply, it.ReplyEn))}
	}
	it := items[i/2]
	if i%2 == 0 {
		// The question alone: say that its answer follows.
		return []fyne.CanvasObject{k.bold(it.Question, fyne.TextAlignLeading), k.text(k.t("wall.replynext"))}
	}
	return []fyne.CanvasObject{k.text(k.t("wall.reply") + k.inLang(it.Reply, it.ReplyEn))}
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
