package hub

import (
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Open311 GeoReport v2 as the station speaks it (docs/OPEN311.md): a
// service is an opinion topic, a service request is an opinion's case
// named by its receipt code, and only what the station published leaves:
// the moderated question and the reply once they are on the wall, masked
// again (Redact). The resident's own words, their contact details and
// anything a worker typed that is not on the wall stay in the station.

// The two statuses of a GeoReport request.
const (
	GeoOpen   = "open"
	GeoClosed = "closed"
)

// GeoService is one GeoReport service: an opinion topic residents can
// raise at a kiosk.
type GeoService struct {
	Code        string
	Name        string
	Description string
	Group       string
	Keywords    []string
}

// GeoRequest is a case as GeoReport shows it: nothing personal, no text
// that was not published.
type GeoRequest struct {
	ID                string // the receipt's ticket code
	Status            string // GeoOpen or GeoClosed
	StatusNotes       string // the published reply, or the status in words
	ServiceCode       string
	ServiceName       string
	Description       string // the moderated question on the wall, else ""
	AgencyResponsible string // 大事: the government body responsible
	Requested         time.Time
	Updated           time.Time
	Expected          time.Time // 大事: the due date; zero for none
}

// GeoServices are the opinion topics of the kiosks' configuration, named
// in lang ("zh" or "en").
func GeoServices(cfg kiosk.Config, lang string) []GeoService {
	out := make([]GeoService, 0, len(cfg.Topics))
	for _, t := range cfg.Topics {
		s := GeoService{Code: t.ID, Name: t.Name.In(lang), Group: "opinion"}
		var kw []string
		for _, p := range t.Phrases {
			kw = append(kw, p.Text.In(lang))
		}
		s.Keywords = kw
		s.Description = strings.Join(kw, "; ")
		out = append(out, s)
	}
	return out
}

// GeoStatus is the GeoReport status of a case: closed once the station's
// work on it ended (closed, a duplicate, not taken up).
func GeoStatus(c *Case) string {
	if c.Open() {
		return GeoOpen
	}
	return GeoClosed
}

// geoNotes are the words for a status when no reply is published: fixed
// texts, never a worker's.
var geoNotes = map[kiosk.TicketStatus]string{
	kiosk.StatusReceived:      "已受理",
	kiosk.StatusTriaged:       "已分类",
	kiosk.StatusAssigned:      "已派单",
	kiosk.StatusInProgress:    "办理中",
	kiosk.StatusReplied:       "已答复",
	kiosk.StatusClosed:        "已办结",
	kiosk.StatusDuplicate:     "已合并办理",
	kiosk.StatusNotApplicable: "不予受理",
}

// PublicRequest is what GeoReport may show of a case. The question and
// the reply leave only once a lead published them to the wall (the wall's
// moderated question, masked again); else the notes are the status in
// fixed words. No contact, no building, no resident's text.
func PublicRequest(c Case, cat *Catalog) GeoRequest {
	r := GeoRequest{ID: c.Ticket, Status: GeoStatus(&c), StatusNotes: geoNotes[c.Status], ServiceCode: c.Topic,
		ServiceName: cat.Name(c.Topic), Requested: c.At, Updated: c.UpdatedAt}
	if c.Matter == kiosk.MatterBig {
		r.AgencyResponsible, r.Expected = c.GovBody, c.Due
	}
	if !c.PublishedAt.IsZero() && c.Reply != "" {
		r.Description = Redact(c.WallText)
		r.StatusNotes = Redact(c.Reply)
	}
	return r
}

// GeoListed reports whether a case is a GeoReport request: opinions,
// not ratings or votes, and not probable play.
func GeoListed(c *Case) bool { return c.Kind == kiosk.KindOpinion && !c.Flagged }

// GeoFilter selects requests (GET requests): by receipt codes, service
// codes, the time they were raised [Start, End) and status.
type GeoFilter struct {
	Tickets  []string
	Services []string
	Start    time.Time
	End      time.Time
	Statuses []kiosk.TicketStatus // the case statuses GeoOpen or GeoClosed stand for; nil for any
	Limit    int
}

// GeoReport's limits on a list of requests.
const (
	GeoDefaultDays = 90   // without dates, the last 90 days
	GeoMaxRequests = 1000 // at most this many, newest first
	GeoMaxIDs      = 100  // receipt codes asked for at once
)

// ParseGeoFilter reads GET requests' parameters (each as given, comma
// separated lists, dates in RFC 3339) at time now. Without dates it is
// the GeoDefaultDays before now; with service_request_id the other
// filters are ignored, as the standard says.
func ParseGeoFilter(ids, services, start, end, status string, now time.Time) (GeoFilter, error) {
	f := GeoFilter{Limit: GeoMaxRequests}
	if ids = strings.TrimSpace(ids); ids != "" {
		for _, s := range strings.Split(ids, ",") {
			t, err := kiosk.ParseTicket(strings.TrimSpace(s))
			if err != nil {
				return f, kiosk.WrapError(kiosk.EINVALID, err, "service_request_id %q", s)
			}
			f.Tickets = append(f.Tickets, t.Code)
		}
		if len(f.Tickets) > GeoMaxIDs {
			return f, kiosk.Errorf(kiosk.EINVALID, "at most %d service_request_id at once", GeoMaxIDs)
		}
		return f, nil
	}
	for _, s := range strings.Split(services, ",") {
		if s = strings.TrimSpace(s); s != "" {
			f.Services = append(f.Services, s)
		}
	}
	var err error
	if f.Start, err = geoTime("start_date", start); err != nil {
		return f, err
	}
	if f.End, err = geoTime("end_date", end); err != nil {
		return f, err
	}
	switch {
	case f.Start.IsZero() && f.End.IsZero():
		f.End, f.Start = now, now.AddDate(0, 0, -GeoDefaultDays)
	case f.End.IsZero():
		f.End = now
	case !f.Start.IsZero() && !f.End.After(f.Start):
		return f, kiosk.Errorf(kiosk.EINVALID, "end_date must be after start_date")
	}
	for _, s := range strings.Split(status, ",") {
		switch strings.TrimSpace(s) {
		case "":
		case GeoOpen:
			f.Statuses = append(f.Statuses, workable...)
			f.Statuses = append(f.Statuses, kiosk.StatusReplied)
		case GeoClosed:
			f.Statuses = append(f.Statuses, kiosk.StatusClosed, kiosk.StatusDuplicate, kiosk.StatusNotApplicable)
		default:
			return f, kiosk.Errorf(kiosk.EINVALID, "status %q: use open or closed", s)
		}
	}
	return f, nil
}

func geoTime(name, s string) (time.Time, error) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, kiosk.Errorf(kiosk.EINVALID, "%s %q: use ISO 8601 with a time zone (2026-11-30T08:00:00+08:00)", name, s)
	}
	return t, nil
}
