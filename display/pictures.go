package display

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"opinionwall/internal/assets"
	"opinionwall/kiosk"
)

// picture returns the bundled pictogram called name in the theme's colours
// now (day or night): the drawing's ink, accent, tint and paper are
// replaced by the theme's foreground, primary, a wash of the primary over
// the background, and the background. Each colouring is made once.
func (k *Kiosk) picture(name string) fyne.Resource {
	ink := k.th.Color(theme.ColorNameForeground, 0)
	accent := k.th.Color(theme.ColorNamePrimary, 0)
	paper := k.th.Color(theme.ColorNameBackground, 0)
	key := name + "-" + hex(ink) + hex(accent) + hex(paper) + ".svg"
	if r, ok := k.pics[key]; ok {
		return r
	}
	src, ok := assets.Picture(name)
	if !ok {
		src, _ = assets.Picture("speech")
	}
	svg := strings.NewReplacer(
		assets.Ink, "#"+hex(ink),
		assets.Accent, "#"+hex(accent),
		assets.Tint, "#"+hex(mix(accent, paper, 0.18)),
		assets.Paper, "#"+hex(paper),
	).Replace(string(src))
	r := fyne.NewStaticResource(key, []byte(svg))
	k.pics[key] = r
	return r
}

// topicPicture is the picture of a configured topic or service.
func topicPicture(t kiosk.Topic) string { return t.Picture() }

// homePictures are the pictures of the home screen's tiles, by label key.
var homePictures = map[string]string{
	"home.opinion": "opinion", "home.rating": "rate", "home.vote": "vote",
	"home.lookup": "lookup", "home.wall": "wall",
}

// statusPicture is the picture of a ticket's step at the station.
func statusPicture(st kiosk.TicketStatus) string {
	switch st {
	case kiosk.StatusQueued, kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned,
		kiosk.StatusInProgress, kiosk.StatusReplied, kiosk.StatusClosed:
		return "status-" + strings.ReplaceAll(string(st), "_", "-")
	}
	return "status-closed" // a duplicate or a matter not taken up: the case is done here
}

// facePicture is the picture of a rating level.
func facePicture(r kiosk.Rating) string { return fmt.Sprintf("face-%d", r) }

func hex(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("%02x%02x%02x", n.R, n.G, n.B)
}

// mix is a of c over base.
func mix(c, base color.Color, a float64) color.Color {
	x, y := color.NRGBAModel.Convert(c).(color.NRGBA), color.NRGBAModel.Convert(base).(color.NRGBA)
	f := func(p, q uint8) uint8 { return uint8(a*float64(p) + (1-a)*float64(q) + 0.5) }
	return color.NRGBA{f(x.R, y.R), f(x.G, y.G), f(x.B, y.B), 0xff}
}
