package station

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// chip is a coloured tag with a word: a case's status, priority or
// lateness; hidden when it has nothing to say.
type chip struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func newChip() *chip {
	c := &chip{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White)}
	c.bg.CornerRadius = 4
	c.text.TextStyle.Bold = true
	c.text.TextSize = theme.TextSize() - 2
	c.box = container.NewStack(c.bg, container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), c.text))
	return c
}

// set shows text on bg, or hides the chip for "".
func (c *chip) set(text string, bg color.Color) {
	if text == "" {
		c.text.Text = ""
		c.box.Hide()
		return
	}
	c.text.Text, c.bg.FillColor = text, bg
	c.box.Show()
	c.box.Refresh()
}

// Colours of the chips: the open statuses warm to cool as work advances,
// the finished ones grey.
var (
	statusColours = map[kiosk.TicketStatus]color.RGBA{
		kiosk.StatusReceived: {0xd9, 0x5f, 0x02, 255}, kiosk.StatusTriaged: {0x1f, 0x77, 0xb4, 255},
		kiosk.StatusAssigned: {0x6a, 0x3d, 0x9a, 255}, kiosk.StatusInProgress: {0x00, 0x80, 0x80, 255},
		kiosk.StatusReplied: {0x2c, 0x8a, 0x2c, 255},
	}
	doneColour     = color.RGBA{0x88, 0x88, 0x88, 255}
	priorityColour = map[hub.Priority]color.RGBA{hub.PriorityHigh: {0xe0, 0x9a, 0x00, 255}, hub.PriorityUrgent: {0xc6, 0x28, 0x28, 255}}
	overdueColour  = color.RGBA{0x8b, 0x00, 0x00, 255}
)

// caseRow is one line of the inbox: ticket, status, priority and
// overdue chips, what the resident said and how long ago.
type caseRow struct {
	widget.BaseWidget
	ticket, text, when *widget.Label
	status, prio, late *chip
}

func newCaseRow() *caseRow {
	r := &caseRow{ticket: widget.NewLabel(""), text: widget.NewLabel(""), when: widget.NewLabel(""),
		status: newChip(), prio: newChip(), late: newChip()}
	r.text.Truncation = fyne.TextTruncateEllipsis // a preview: the case pane shows it whole
	r.ExtendBaseWidget(r)
	return r
}

func (r *caseRow) CreateRenderer() fyne.WidgetRenderer {
	chips := container.NewHBox(r.ticket, container.NewCenter(r.status.box), container.NewCenter(r.prio.box), container.NewCenter(r.late.box))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, chips, r.when, r.text))
}

// show fills the row with a case.
func (s *App) showRow(r *caseRow, c *hub.Case, now time.Time) {
	r.ticket.SetText(kiosk.FormatTicket(c.Ticket))
	bg, ok := statusColours[c.Status]
	if !ok {
		bg = doneColour
	}
	r.status.set(s.statusName(c.Status), bg)
	prio := ""
	if c.Priority > 0 {
		prio = s.t(fmt.Sprintf("prio.name.%d", c.Priority))
	}
	r.prio.set(prio, priorityColour[c.Priority])
	late := ""
	if s.targets.Late(c, now) {
		late = s.t("chip.overdue")
	}
	r.late.set(late, overdueColour)
	r.text.SetText(s.rowText(c))
	r.when.SetText(s.ago(c.At, now))
}

// rowText is what the row says of the case: the topic and the resident's words.
func (s *App) rowText(c *hub.Case) string {
	text := c.Text
	switch {
	case c.Kind == kiosk.KindRating:
		text = fmt.Sprintf("%s %d/4 %s", s.topicName(c.Topic), c.Rating, c.Text)
	case c.Kind == kiosk.KindVote:
		text = s.kindName(c.Kind) + " " + c.Text
	case c.Kind == kiosk.KindVoice:
		if text == "" {
			text = s.t("voice.untold")
		}
		text = s.tf("line.voice", clock(c.VoiceDuration()), text)
	case c.Topic != "":
		text = s.tf("line.topic", s.topicName(c.Topic), text)
	}
	if c.Flagged {
		text = s.t("inbox.play") + text
	}
	return text
}
