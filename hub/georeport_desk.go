package hub

import (
	"context"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// GeoReportStore is what GeoReport reads and writes.
type GeoReportStore interface {
	// GeoRequests returns the cases the filter selects that GeoListed
	// keeps, newest first, at most f.Limit.
	GeoRequests(ctx context.Context, f GeoFilter) ([]Case, error)
	CaseByTicket(ctx context.Context, ticket string) (Case, error)
	// CaseByToken returns the case of a partner's submission id.
	CaseByToken(ctx context.Context, token string) (Case, error)
	APIKey(ctx context.Context, id string) (APIKey, error)
	// SubmitPartner stores a partner's submission and its case in one
	// transaction, numbering it (Seq, Ticket) for the key. A second
	// submission with the same key and idempotency key stores nothing and
	// returns the first one's case.
	SubmitPartner(ctx context.Context, key APIKey, idem string, r Received) (Case, error)
}

// APIKeyStore keeps the partners' keys (hub apikey).
type APIKeyStore interface {
	PutAPIKey(ctx context.Context, k APIKey, a Audit) error
	APIKeys(ctx context.Context) ([]APIKey, error)
	RevokeAPIKey(ctx context.Context, id string, at time.Time, a Audit) error
}

// EscalationStore keeps the upstream bodies and the escalations' outbox.
type EscalationStore interface {
	Upstreams(ctx context.Context) ([]Upstream, error)
	// PutUpstream adds or changes a body, and queues the open 大事
	// already routed to it.
	PutUpstream(ctx context.Context, u Upstream) error
	DeleteUpstream(ctx context.Context, body string) error
	// DueEscalations returns escalations pending or sent whose NextAt has
	// come, oldest first.
	DueEscalations(ctx context.Context, now time.Time, limit int) ([]Escalation, error)
	Escalations(ctx context.Context, caseID string) ([]Escalation, error)
	// PutEscalation stores the escalation's row and, when not nil, the
	// audit record of its news, in one transaction.
	PutEscalation(ctx context.Context, e Escalation, a *Audit) error
	Case(ctx context.Context, id string) (Case, Received, error)
}

// GeoReport is the station's Open311 side: the rules of what leaves and
// who may submit. The HTTP adapter only translates.
type GeoReport struct {
	Store  GeoReportStore
	Config kiosk.Config // the kiosks' topics are the services
	// Jurisdiction is the station's jurisdiction_id; a request naming
	// another is refused. "" takes any.
	Jurisdiction string
	Now          func() time.Time
	// Limit counts each key's requests (APIKey.PerMinute); nil for none.
	Limit *RateLimit

	ids     kiosk.UUIDGen
	catalog *Catalog
}

// ErrAPIKey is a missing, wrong or revoked API key.
var ErrAPIKey = kiosk.Errorf(kiosk.EUNAUTHORIZED, "a valid api_key is needed")

// CheckJurisdiction refuses a jurisdiction_id that is not the station's.
func (g *GeoReport) CheckJurisdiction(id string) error {
	if id != "" && g.Jurisdiction != "" && id != g.Jurisdiction {
		return kiosk.Errorf(kiosk.ENOTFOUND, "jurisdiction_id %q is not served here", id)
	}
	return nil
}

func (g *GeoReport) cat() *Catalog {
	if g.catalog == nil {
		g.catalog = NewCatalog(g.Config)
	}
	return g.catalog
}

// Services lists the services.
func (g *GeoReport) Services(lang string) []GeoService { return GeoServices(g.Config, lang) }

// Service returns one service.
func (g *GeoReport) Service(code, lang string) (GeoService, error) {
	for _, s := range g.Services(lang) {
		if s.Code == code {
			return s, nil
		}
	}
	return GeoService{}, kiosk.Errorf(kiosk.ENOTFOUND, "no service %q", code)
}

// Requests lists the requests the filter selects, as GeoReport shows them.
func (g *GeoReport) Requests(ctx context.Context, f GeoFilter) ([]GeoRequest, error) {
	cs, err := g.Store.GeoRequests(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]GeoRequest, 0, len(cs))
	for _, c := range cs {
		if GeoListed(&c) {
			out = append(out, PublicRequest(c, g.cat()))
		}
	}
	return out, nil
}

// Request returns one request by its receipt code. An unknown code and a
// case that is no request look alike.
func (g *GeoReport) Request(ctx context.Context, id string) (GeoRequest, error) {
	c, err := g.Store.CaseByTicket(ctx, id)
	if err == nil && !GeoListed(&c) {
		err = kiosk.Errorf(kiosk.ENOTFOUND, "no request %s", id)
	}
	if err != nil {
		return GeoRequest{}, notFound(err, "no request %s", id)
	}
	return PublicRequest(c, g.cat()), nil
}

// Token returns the receipt code of a partner's submission.
func (g *GeoReport) Token(ctx context.Context, token string) (string, error) {
	c, err := g.Store.CaseByToken(ctx, token)
	if err == nil && !PartnerTicket(&c) {
		err = kiosk.Errorf(kiosk.ENOTFOUND, "no token")
	}
	if err != nil {
		return "", notFound(err, "no token %s", token)
	}
	return c.Ticket, nil
}

// notFound words any lookup refusal alike: a wrong code tells no more
// than an unknown one.
func notFound(err error, format string, args ...any) error {
	code := kiosk.ErrorCode(err)
	if code == kiosk.ENOTFOUND || code == kiosk.EINVALID {
		return kiosk.Errorf(kiosk.ENOTFOUND, format, args...)
	}
	return err
}

// Authorize returns the key "ID.SECRET" names, counted against its rate:
// ErrAPIKey for a wrong or revoked one, EBUSY past its rate.
func (g *GeoReport) Authorize(ctx context.Context, apiKey string) (APIKey, error) {
	id, secret, ok := SplitAPIKey(apiKey)
	if !ok {
		return APIKey{}, ErrAPIKey
	}
	k, err := g.Store.APIKey(ctx, id)
	if kiosk.ErrorCode(err) == kiosk.ENOTFOUND || err == nil && !k.Check(secret, g.Now()) {
		return APIKey{}, ErrAPIKey
	}
	if err != nil {
		return APIKey{}, err
	}
	if g.Limit != nil && !g.Limit.Allow("key:"+k.ID, k.PerMinute, g.Now()) {
		return APIKey{}, kiosk.Errorf(kiosk.EBUSY, "key %s: more than %d requests a minute: wait", k.ID, k.PerMinute)
	}
	return k, nil
}

// Submit stores a partner's request as a submission and its case (source
// partner), once per idempotency key, and returns its receipt code and
// token (the submission's id).
func (g *GeoReport) Submit(ctx context.Context, apiKey, idem string, p PartnerRequest) (ticket, token string, err error) {
	k, err := g.Authorize(ctx, apiKey)
	if err != nil {
		return "", "", err
	}
	idem = strings.TrimSpace(idem)
	if len(idem) > MaxIdempotencyKey || strings.ContainsFunc(idem, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
		return "", "", kiosk.Errorf(kiosk.EINVALID, "Idempotency-Key: at most %d printable ASCII characters", MaxIdempotencyKey)
	}
	now := g.Now()
	r, err := PartnerSubmission(p, k, g.Config, g.ids.New(now), now)
	if err != nil {
		return "", "", err
	}
	c, err := g.Store.SubmitPartner(ctx, k, idem, r)
	if err != nil {
		return "", "", err
	}
	return c.Ticket, c.ID, nil
}
