package display

import (
	"testing"

	"opinionwall/internal/assets"
	"opinionwall/kiosk"
)

// Every home tile, every configured topic and service, every rating level
// and every step a ticket shows has a bundled picture.
func TestEveryThingHasAPicture(t *testing.T) {
	cfg := kiosk.Defaults()
	want := map[string]string{}
	for key, p := range homePictures {
		want[key] = p
	}
	for _, tp := range append(cfg.Topics, cfg.Services...) {
		want[tp.ID] = topicPicture(tp)
	}
	for r := kiosk.RatingVeryDissatisfied; r <= kiosk.RatingVerySatisfied; r++ {
		want[string(rune('0'+r))] = facePicture(r)
	}
	for _, st := range append([]kiosk.TicketStatus{kiosk.StatusInProgress, kiosk.StatusDuplicate, kiosk.StatusNotApplicable}, statusSteps...) {
		want[string(st)] = statusPicture(st)
	}
	if len(homePictures) != 5 {
		t.Errorf("%d home pictures, want one for each of the 5 tiles", len(homePictures))
	}
	for what, p := range want {
		if _, ok := assets.Picture(p); !ok {
			t.Errorf("%s: no bundled picture %q", what, p)
		}
	}
}
