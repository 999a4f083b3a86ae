package display

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk/session"
)

// wallPageSize is how many replies a page of the wall shows.
const wallPageSize = 3

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
		parts = append(parts, q, k.text("→ "+k.inLang(it.Reply, it.ReplyEn)), k.separator())
	}
	prev := k.button(k.t("wall.prev"), k.act(func() error { k.wallPage--; k.d.Session.Touch(); return nil }))
	next := k.button(k.t("wall.next"), k.act(func() error { k.wallPage++; k.d.Session.Touch(); return nil }))
	if k.wallPage == 0 {
		prev.Disable()
	}
	if k.wallPage >= pages-1 {
		next.Disable()
	}
	parts = append(parts, container.NewHBox(minSize(prev, 3*minTarget, minTarget+16), spacer(),
		k.text(fmt.Sprintf("%d / %d", k.wallPage+1, pages)), spacer(), minSize(next, 3*minTarget, minTarget+16)))
	return container.NewVBox(parts...)
}
