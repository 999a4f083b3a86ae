package display_test

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"opinionwall/display/displaytest"
)

// Markup masters of the key screens (testdata/*.xml): a change to what a
// resident sees shows up as a diff to review. Regenerate after a wanted
// change by copying testdata/failed/*.xml over the masters.
func TestScreensMarkup(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	test.AssertRendersToMarkup(t, "attract.xml", f.Win.Canvas())
	f.Tap("点我说两句")
	test.AssertRendersToMarkup(t, "home.xml", f.Win.Canvas())
	f.Tap("评服务")
	f.Tap("社区工作站")
	test.AssertRendersToMarkup(t, "rating.xml", f.Win.Canvas())
	f.Tap("很满意")
	test.AssertRendersToMarkup(t, "review.xml", f.Win.Canvas())
}
