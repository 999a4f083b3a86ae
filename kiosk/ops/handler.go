package ops

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"opinionwall/kiosk"
)

// Func runs a command with its raw arguments and returns its data (any
// value encodable as JSON) or an error (a failed result).
type Func func(ctx context.Context, args json.RawMessage) (any, error)

// InProgress is returned by a command whose end comes later (an update
// finishes after a restart): the handler answers in_progress, and the
// final result is reported by whoever finishes it.
type InProgress struct{ Detail string }

func (p InProgress) Error() string { return p.Detail }

// Handler checks and runs commands. Register the commands, then give it to
// the relay.
type Handler struct {
	Kiosk  string
	Nonces kiosk.NonceStore
	Now    func() time.Time
	Log    *slog.Logger
	// MaxAge bounds how far in the future a command may expire, so that a
	// stolen signed command cannot be kept for later.
	MaxAge time.Duration
	// Skew is how far a command's issued-at may lie ahead of the kiosk's
	// clock, and below the highest issued-at seen from its key; zero means
	// DefaultSkew.
	Skew time.Duration
	// ClockSynced tells whether the kiosk's clock is synchronised; update
	// and data.purge are refused while it is not (or while it is nil).
	ClockSynced func() bool

	mu       sync.Mutex
	commands map[string]Func
	counts   map[string]int64
}

var _ kiosk.CommandHandler = (*Handler)(nil)

// Register adds a command.
func (h *Handler) Register(name string, fn Func) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.commands == nil {
		h.commands, h.counts = map[string]Func{}, map[string]int64{}
	}
	h.commands[name] = fn
}

// Commands lists the registered commands.
func (h *Handler) Commands() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for n := range h.commands {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Counts returns how many results of each status were sent, for telemetry.
func (h *Handler) Counts() map[string]int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[string]int64, len(h.counts))
	for k, v := range h.counts {
		out["cmd_"+k] = v
	}
	return out
}

// HandleCommand checks c and runs it.
func (h *Handler) HandleCommand(ctx context.Context, c kiosk.Command, retained bool, reply func(kiosk.Result)) {
	send := func(status, detail string, data any) {
		r := kiosk.Result{CID: c.CID, Status: status, Detail: detail}
		if data != nil {
			b, err := json.Marshal(data)
			if err != nil {
				r.Status, r.Detail = kiosk.ResultFailed, "result: "+err.Error()
			} else {
				r.Data = b
			}
		}
		h.mu.Lock()
		if h.counts == nil {
			h.counts = map[string]int64{}
		}
		h.counts[r.Status]++
		h.mu.Unlock()
		h.log().Info("command", "cid", c.CID, "cmd", c.Cmd, "status", r.Status, "detail", r.Detail)
		reply(r)
	}
	if why := h.check(ctx, c, retained); why != "" {
		send(kiosk.ResultRejected, why, nil)
		return
	}
	h.mu.Lock()
	fn := h.commands[c.Cmd]
	h.mu.Unlock()
	if fn == nil {
		send(kiosk.ResultRejected, fmt.Sprintf("unknown command %q", c.Cmd), nil)
		return
	}
	send(kiosk.ResultAccepted, "", nil)
	data, err := fn(withCID(ctx, c.CID), c.Args)
	var later InProgress
	if errors.As(err, &later) {
		send(kiosk.ResultInProgress, later.Detail, data)
		return
	}
	if err != nil {
		send(kiosk.ResultFailed, err.Error(), data)
		return
	}
	send(kiosk.ResultSucceeded, "", data)
}

// DefaultSkew is the clock skew allowed between the signer and the kiosk.
const DefaultSkew = 5 * time.Minute

// MaxLifetime bounds a command's exp − iat.
const MaxLifetime = 24 * time.Hour

// needsClock lists the commands refused while the clock is not synchronised:
// a kiosk whose clock rolled back cannot judge their expiry.
var needsClock = map[string]bool{"update": true, "data.purge": true}

// checkTime returns why a command's times must be refused, or "". The
// highest issued-at seen from the command's key is persisted, so a command
// captured before it is refused even when the kiosk's clock rolled back
// far enough for the command to look unexpired and its nonce was forgotten.
func (h *Handler) checkTime(ctx context.Context, c kiosk.Command, now time.Time) string {
	skew := h.Skew
	if skew <= 0 {
		skew = DefaultSkew
	}
	switch {
	case c.IAT.IsZero():
		return "no issued-at"
	case c.IAT.After(now.Add(skew)):
		return fmt.Sprintf("issued in the future (%s; the clock may be off by at most %s)", c.IAT.UTC().Format(time.RFC3339), skew)
	case c.EXP.Sub(c.IAT) > MaxLifetime:
		return fmt.Sprintf("lives %s, more than %s", c.EXP.Sub(c.IAT).Round(time.Second), MaxLifetime)
	case needsClock[c.Cmd] && (h.ClockSynced == nil || !h.ClockSynced()):
		return fmt.Sprintf("%s is refused while the kiosk's clock is not synchronised", c.Cmd)
	}
	prev, err := h.Nonces.SeeIssued(ctx, c.Key, c.IAT)
	if err != nil {
		return "cannot record the issued-at: " + err.Error()
	}
	if c.IAT.Before(prev.Add(-skew)) {
		return fmt.Sprintf("issued at %s, before a command of the same key issued at %s: a replay across a clock change",
			c.IAT.UTC().Format(time.RFC3339), prev.UTC().Format(time.RFC3339))
	}
	return ""
}

// check returns why a command must be refused, or "". The nonce is
// recorded before the retained check, so that a retained command the broker
// also delivers live is refused both times.
func (h *Handler) check(ctx context.Context, c kiosk.Command, retained bool) string {
	now := h.Now()
	switch {
	case c.Kiosk != h.Kiosk:
		return fmt.Sprintf("meant for kiosk %q, this is %q", c.Kiosk, h.Kiosk)
	case c.EXP.IsZero() || !now.Before(c.EXP):
		return fmt.Sprintf("expired at %s", c.EXP.UTC().Format(time.RFC3339))
	case h.MaxAge > 0 && c.EXP.Sub(now) > h.MaxAge:
		return fmt.Sprintf("expires too far ahead (%s; at most %s)", c.EXP.Sub(now).Round(time.Second), h.MaxAge)
	case c.Nonce == "":
		return "no nonce"
	}
	fresh, err := h.Nonces.SeeNonce(ctx, c.Nonce, c.EXP)
	if err != nil {
		return "cannot record the nonce: " + err.Error()
	}
	if retained {
		return "delivered as a retained message: commands are never retained"
	}
	if !fresh {
		return "nonce already seen: a replayed command"
	}
	return h.checkTime(ctx, c, now)
}

func (h *Handler) log() *slog.Logger {
	if h.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return h.Log
}

// DecodeArgs decodes a command's arguments strictly: unknown fields and
// trailing data are refused with an error naming the command.
func DecodeArgs(cmd string, raw json.RawMessage, v any) error {
	if len(raw) == 0 || string(raw) == "null" {
		raw = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return kiosk.Errorf(kiosk.EINVALID, "%s: arguments: %v", cmd, err)
	}
	if dec.More() {
		return kiosk.Errorf(kiosk.EINVALID, "%s: arguments: data after the object", cmd)
	}
	return nil
}

type cidKey struct{}

func withCID(ctx context.Context, cid string) context.Context {
	return context.WithValue(ctx, cidKey{}, cid)
}

// CID returns the id of the command being run, inside a Func.
func CID(ctx context.Context) string {
	s, _ := ctx.Value(cidKey{}).(string)
	return s
}
