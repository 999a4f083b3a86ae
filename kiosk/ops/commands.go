package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// Deps are the kiosk's parts the standard commands act on; a nil one makes
// its command fail with a plain reason.
type Deps struct {
	Status  func(ctx context.Context) (any, error)
	Config  func() any
	Display interface {
		SetBrightness(int) error
		SetPower(bool) error
	}
	Screenshot func(ctx context.Context) ([]byte, error) // PNG
	Logs       *Ring
	Resend     func(ctx context.Context) (int, error)
	Purge      func(ctx context.Context, age time.Duration) (int, error)
	Announce   func(text kiosk.Text, until time.Time) error
	SelfTest   func(ctx context.Context) (any, error)
	Restart    func() error // after the result is out: exit, systemd starts it again
	Reboot     func() error
	Simulated  bool // the hardware is simulated: reboot does nothing and says so
	Now        func() time.Time
}

var errNotHere = errors.New("not available on this kiosk")

// displayArgs are display.set's arguments.
type displayArgs struct {
	Brightness *int  `json:"brightness,omitempty"` // 0-100
	Power      *bool `json:"power,omitempty"`
}

// screenshotArgs are screenshot's arguments.
type screenshotArgs struct {
	MaxBytes int `json:"max_bytes,omitempty"` // default 512 KiB, at most 2 MiB
}

// logsArgs are logs' arguments.
type logsArgs struct {
	Lines int `json:"lines,omitempty"` // default 100, at most 1,000
}

// purgeArgs are data.purge's arguments.
type purgeArgs struct {
	Days int `json:"days"` // delivered submissions older than this, at least 1
}

// announceArgs are announce's arguments.
type announceArgs struct {
	Zh    string    `json:"zh"`
	En    string    `json:"en,omitempty"`
	Until time.Time `json:"until"`
}

// RegisterStandard registers the commands of protocol v1 but update.
func RegisterStandard(h *Handler, d Deps) {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := standard{d}
	for _, c := range []struct {
		name string
		fn   Func
	}{
		{"status", s.status},
		{"config.get", s.configGet},
		{"display.set", s.displaySet},
		{"screenshot", s.screenshot},
		{"logs", s.logs},
		{"outbox.resend", s.outboxResend},
		{"data.purge", s.dataPurge},
		{"announce", s.announce},
		{"selftest", s.selftest},
		{"restart", s.restart},
		{"reboot", s.reboot},
	} {
		h.Register(c.name, c.fn)
	}
}

// standard holds the standard commands, one method each.
type standard struct{ d Deps }

func (s standard) status(ctx context.Context, args json.RawMessage) (any, error) {
	if err := DecodeArgs("status", args, &struct{}{}); err != nil {
		return nil, err
	}
	if s.d.Status == nil {
		return nil, errNotHere
	}
	return s.d.Status(ctx)
}

func (s standard) configGet(_ context.Context, args json.RawMessage) (any, error) {
	if err := DecodeArgs("config.get", args, &struct{}{}); err != nil {
		return nil, err
	}
	if s.d.Config == nil {
		return nil, errNotHere
	}
	return s.d.Config(), nil
}

func (s standard) displaySet(_ context.Context, args json.RawMessage) (any, error) {
	var a displayArgs
	if err := DecodeArgs("display.set", args, &a); err != nil {
		return nil, err
	}
	if a.Brightness == nil && a.Power == nil {
		return nil, kiosk.Errorf(kiosk.EINVALID, "display.set: give brightness (0-100) or power (true/false)")
	}
	if a.Brightness != nil && (*a.Brightness < 0 || *a.Brightness > 100) {
		return nil, kiosk.Errorf(kiosk.EINVALID, "display.set: brightness %d is not 0-100", *a.Brightness)
	}
	if s.d.Display == nil {
		return nil, errNotHere
	}
	if a.Power != nil {
		if err := s.d.Display.SetPower(*a.Power); err != nil {
			return nil, err
		}
	}
	if a.Brightness != nil {
		if err := s.d.Display.SetBrightness(*a.Brightness); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func (s standard) screenshot(ctx context.Context, args json.RawMessage) (any, error) {
	var a screenshotArgs
	if err := DecodeArgs("screenshot", args, &a); err != nil {
		return nil, err
	}
	limit := 512 << 10
	if a.MaxBytes > 0 {
		limit = min(a.MaxBytes, 2<<20)
	}
	if s.d.Screenshot == nil {
		return nil, errNotHere
	}
	png, err := s.d.Screenshot(ctx)
	if err != nil {
		return nil, err
	}
	if len(png) > limit {
		return nil, fmt.Errorf("screenshot is %d bytes, over the limit of %d", len(png), limit)
	}
	return map[string]any{"png": png, "bytes": len(png)}, nil
}

func (s standard) logs(_ context.Context, args json.RawMessage) (any, error) {
	var a logsArgs
	if err := DecodeArgs("logs", args, &a); err != nil {
		return nil, err
	}
	n := 100
	if a.Lines > 0 {
		n = min(a.Lines, 1000)
	}
	if s.d.Logs == nil {
		return nil, errNotHere
	}
	return map[string]any{"lines": s.d.Logs.last(n)}, nil
}

func (s standard) outboxResend(ctx context.Context, args json.RawMessage) (any, error) {
	if err := DecodeArgs("outbox.resend", args, &struct{}{}); err != nil {
		return nil, err
	}
	if s.d.Resend == nil {
		return nil, errNotHere
	}
	n, err := s.d.Resend(ctx)
	return map[string]int{"requeued": n}, err
}

func (s standard) dataPurge(ctx context.Context, args json.RawMessage) (any, error) {
	var a purgeArgs
	if err := DecodeArgs("data.purge", args, &a); err != nil {
		return nil, err
	}
	if a.Days < 1 {
		return nil, kiosk.Errorf(kiosk.EINVALID, "data.purge: days must be at least 1 (got %d)", a.Days)
	}
	if s.d.Purge == nil {
		return nil, errNotHere
	}
	n, err := s.d.Purge(ctx, time.Duration(a.Days)*24*time.Hour)
	return map[string]int{"deleted": n}, err
}

func (s standard) announce(_ context.Context, args json.RawMessage) (any, error) {
	var a announceArgs
	if err := DecodeArgs("announce", args, &a); err != nil {
		return nil, err
	}
	if _, err := kiosk.CleanText(a.Zh, 200); err != nil {
		return nil, err
	}
	if !a.Until.IsZero() && !a.Until.After(s.d.Now()) {
		return nil, kiosk.Errorf(kiosk.EINVALID, "announce: until %s has passed", a.Until.Format(time.RFC3339))
	}
	if s.d.Announce == nil {
		return nil, errNotHere
	}
	return a, s.d.Announce(kiosk.Text{Zh: a.Zh, En: a.En}, a.Until)
}

func (s standard) selftest(ctx context.Context, args json.RawMessage) (any, error) {
	if err := DecodeArgs("selftest", args, &struct{}{}); err != nil {
		return nil, err
	}
	if s.d.SelfTest == nil {
		return nil, errNotHere
	}
	return s.d.SelfTest(ctx)
}

func (s standard) restart(_ context.Context, args json.RawMessage) (any, error) {
	if err := DecodeArgs("restart", args, &struct{}{}); err != nil {
		return nil, err
	}
	if s.d.Restart == nil {
		return nil, errNotHere
	}
	return map[string]string{"restarting": "in 1 s"}, s.d.Restart()
}

func (s standard) reboot(_ context.Context, args json.RawMessage) (any, error) {
	if err := DecodeArgs("reboot", args, &struct{}{}); err != nil {
		return nil, err
	}
	if s.d.Reboot == nil {
		return nil, errNotHere
	}
	if s.d.Simulated {
		return map[string]string{"reboot": "simulated hardware: nothing to reboot"}, s.d.Reboot()
	}
	return map[string]string{"rebooting": "in 1 s"}, s.d.Reboot()
}
