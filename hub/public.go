package hub

import (
	"context"
	"time"

	"opinionwall/kiosk"
)

// PublicTicket is a case as anyone holding its receipt code may see it on
// the public status page: its status and when it changed, the reply sent
// to the resident and the wall's question (both masked as on the wall),
// the referrals of a 私事 and the deliberation item it joined. No worker,
// no contact, none of the resident's own words unless published.
type PublicTicket struct {
	Ticket   string
	Kind     kiosk.Kind
	Topic    string
	Status   kiosk.TicketStatus
	Matter   kiosk.Matter
	Timeline []PublicStep
	Reply    string
	ReplyEn  string
	// Question is the moderated question published on the wall; "" when
	// the case is not on the wall.
	Question  string
	Referrals []kiosk.Referral
	Item      kiosk.Text // the deliberation item; zero for none
	// Photo names the photo of the work done a lead put on the wall (处理后).
	Photo     string
	UpdatedAt time.Time
}

// PublicStep is one change of status.
type PublicStep struct {
	At     time.Time
	Status kiosk.TicketStatus
}

// ErrNoTicket is the one answer for an unknown code and a code that is not
// one: the public page tells them apart to no one.
var ErrNoTicket = kiosk.Errorf(kiosk.ENOTFOUND, "no such ticket")

// PublicTicket returns what the public status page shows for a receipt
// code, or ErrNoTicket.
func (d *Desk) PublicTicket(ctx context.Context, code string) (PublicTicket, error) {
	t, err := kiosk.ParseTicket(code)
	if err != nil {
		return PublicTicket{}, ErrNoTicket
	}
	c, err := d.Store.CaseByTicket(ctx, t.Code)
	if kiosk.ErrorCode(err) == kiosk.ENOTFOUND {
		return PublicTicket{}, ErrNoTicket
	}
	if err != nil {
		return PublicTicket{}, err
	}
	hist, err := d.Store.History(ctx, c.ID)
	if err != nil {
		return PublicTicket{}, err
	}
	p := PublicTicket{Ticket: c.Ticket, Kind: c.Kind, Topic: c.Topic, Status: c.Status, Matter: c.Matter,
		Referrals: c.Referrals, Item: c.DelibTitle, UpdatedAt: c.UpdatedAt,
		Timeline: []PublicStep{{At: c.At, Status: kiosk.StatusReceived}}}
	for _, a := range hist {
		if a.To != a.From && a.To != "" {
			p.Timeline = append(p.Timeline, PublicStep{At: a.At, Status: a.To})
		}
	}
	if c.Status != kiosk.StatusNotApplicable && c.Status != kiosk.StatusDuplicate {
		p.Reply, p.ReplyEn = Redact(c.Reply), Redact(c.ReplyEn)
	}
	if !c.PublishedAt.IsZero() {
		p.Question = c.WallText
		if st, err := d.work(); err == nil {
			m, err := st.WallPhotos(ctx, []string{c.ID})
			if err != nil {
				return PublicTicket{}, err
			}
			p.Photo = m[c.ID]
		}
	}
	return p, nil
}

// WallPhoto returns a photo a lead put on the wall (处理后), by the name the
// wall snapshot carries; any other name is not found.
func (d *Desk) WallPhoto(ctx context.Context, name string) ([]byte, error) {
	st, err := d.work()
	if err != nil {
		return nil, err
	}
	return st.WallPhoto(ctx, name)
}
