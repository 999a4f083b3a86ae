package display_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// Markup masters of the key screens (testdata/*.xml): a change to what a
// resident sees shows up as a diff to review. Regenerate after a wanted
// change by copying testdata/failed/*.xml over the masters.
func TestScreensMarkup(t *testing.T) {
	f := newFixture(t, 0)
	test.AssertRendersToMarkup(t, "attract.xml", f.win.Canvas())
	f.tap("点我说两句")
	test.AssertRendersToMarkup(t, "home.xml", f.win.Canvas())
	f.tap("评服务")
	f.tap("社区工作站")
	test.AssertRendersToMarkup(t, "rating.xml", f.win.Canvas())
	f.tap("很满意")
	test.AssertRendersToMarkup(t, "review.xml", f.win.Canvas())
}
