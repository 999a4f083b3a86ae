package hub

import (
	"strings"

	"opinionwall/kiosk"
)

// Catalog names the ids kiosks send (topics, services, preset phrases,
// rating reasons) for the station's screens and search.
type Catalog struct {
	names  map[string]kiosk.Text
	topics []string // topic then service ids, in configuration order
}

// Topics returns the ids of the opinion topics and rated services.
func (c *Catalog) Topics() []string { return c.topics }

// NewCatalog builds the catalog from a kiosk configuration (the station
// uses the configuration it pushes to its kiosks; kiosk.Defaults() without one).
func NewCatalog(c kiosk.Config) *Catalog {
	cat := &Catalog{names: map[string]kiosk.Text{}}
	for _, t := range c.Topics {
		cat.names[t.ID] = t.Name
		cat.topics = append(cat.topics, t.ID)
		for _, p := range t.Phrases {
			cat.names[p.ID] = p.Text
		}
	}
	for _, s := range c.Services {
		cat.names[s.ID] = s.Name
		cat.topics = append(cat.topics, s.ID)
	}
	for _, r := range c.RatingReasons {
		cat.names[r.ID] = r.Text
	}
	return cat
}

// Name returns the Chinese name of an id, or the id itself.
func (c *Catalog) Name(id string) string {
	if t, ok := c.names[id]; ok && t.Zh != "" {
		return t.Zh
	}
	return id
}

// NameIn returns the name of an id in lang ("zh" or "en", falling back
// to Chinese), or the id itself.
func (c *Catalog) NameIn(id, lang string) string {
	if t, ok := c.names[id]; ok && t.Zh != "" {
		return t.In(lang)
	}
	return id
}

// NewCase returns the case of a newly received submission. Opinions start
// received; ratings and votes are counted, not worked, and start closed.
func NewCase(r *Received, cat *Catalog) Case {
	c := Case{ID: r.ID, Ticket: r.Ticket, Kiosk: r.Kiosk, Kind: r.Kind, At: r.CreatedAt, ReceivedAt: r.ReceivedAt,
		ClockSynced: r.ClockSynced, Flagged: !r.CountsInStats(), Status: kiosk.StatusReceived, UpdatedAt: r.ReceivedAt}
	if !r.ClockSynced || c.At.IsZero() {
		c.At = r.ReceivedAt
	}
	b := &r.Body
	c.Topic, c.Rating = b.Topic, int(b.Rating)
	if r.Kind == kiosk.KindVote {
		c.Topic = b.PollID
	}
	if b.Location != nil {
		c.Building = b.Location.Building
	}
	var parts []string
	for _, p := range append(append([]string(nil), b.Phrases...), b.Reasons...) {
		parts = append(parts, cat.Name(p))
	}
	if b.Text != "" {
		parts = append(parts, b.Text)
	}
	if r.Kind == kiosk.KindVote {
		parts = append(parts, b.Option)
	}
	c.Text = strings.Join(parts, "；")
	if r.Kind != kiosk.KindOpinion && r.Kind != kiosk.KindVoice {
		c.Status = kiosk.StatusClosed
	}
	if b.Voice != nil {
		c.VoiceMS = b.Voice.DurationMS
	}
	return c
}
