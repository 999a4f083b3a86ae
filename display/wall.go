package display

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk/session"
)

// wallPageSize is how many replies a page of the wall shows: one, large,
// so that a long reply fits in 长辈模式 too.
const wallPageSize = 1

// wall pages through the station's published replies.
func (k *Kiosk) wall(v session.View) fyne.CanvasObject {
	w, err := k.d.Snapshots.Wall(context.Background())
	if err == nil && len(w.Projects) > 0 {
		return k.wallWithProjects(w)
	}
	if err != nil || len(w.Items) == 0 {
		return container.NewVBox(k.title(k.t("wall.title")), k.text(k.t("wall.empty")))
	}
	pages := (len(w.Items) + wallPageSize - 1) / wallPageSize
	k.wallPage = max(0, min(k.wallPage, pages-1))
	parts := []fyne.CanvasObject{k.title(k.t("wall.title"))}
	for _, it := range w.Items[k.wallPage*wallPageSize : min((k.wallPage+1)*wallPageSize, len(w.Items))] {
		q := k.bold(it.Question, fyne.TextAlignLeading)
		parts = append(parts, q, k.text(k.t("wall.reply")+k.inLang(it.Reply, it.ReplyEn)), k.separator())
	}
	prev := k.button(k.t("wall.prev"), k.act(func() error { k.wallPage--; k.d.Session.Touch(); return nil }))
	next := k.button(k.t("wall.next"), k.act(func() error { k.wallPage++; k.d.Session.Touch(); return nil }))
	if k.wallPage == 0 {
		prev.Disable()
	}
	if k.wallPage >= pages-1 {
		next.Disable()
	}
	t := k.target()
	parts = append(parts, container.NewBorder(nil, nil, minSize(prev, 2*t, t), minSize(next, 2*t, t),
		k.line(fmt.Sprintf("%d / %d", k.wallPage+1, pages))))
	return container.NewVBox(parts...)
}
