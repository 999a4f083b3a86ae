package ops

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"opinionwall/kiosk"
)

// ConfigStore keeps the configuration applied, and counts refusals.
type ConfigStore interface {
	SetAppliedConfig(ctx context.Context, version int64, body []byte) error
	AppliedConfig(ctx context.Context) (int64, []byte, error)
	AddCounter(ctx context.Context, name string, delta int64) error
}

// remoteConfig decodes a desired configuration over the defaults and keeps
// the kiosk's identity and PIN from base: a remote configuration cannot
// move a kiosk to another id or number, and never carries the PIN.
func remoteConfig(base *kiosk.Config, version int64, raw json.RawMessage) (kiosk.Config, error) {
	next := kiosk.Defaults()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&next); err != nil {
		return kiosk.Config{}, kiosk.Errorf(kiosk.EINVALID, "configuration v%d: %v", version, err)
	}
	if next.Kiosk.ID != "" && next.Kiosk.ID != base.Kiosk.ID {
		return kiosk.Config{}, kiosk.Errorf(kiosk.EINVALID, "kiosk.id: a remote configuration cannot change the kiosk's id (%q to %q)", base.Kiosk.ID, next.Kiosk.ID)
	}
	if next.Kiosk.Number != 0 && next.Kiosk.Number != base.Kiosk.Number {
		return kiosk.Config{}, kiosk.Errorf(kiosk.EINVALID, "kiosk.number: a remote configuration cannot change the kiosk's number (%d to %d)", base.Kiosk.Number, next.Kiosk.Number)
	}
	next.Kiosk.ID, next.Kiosk.Number, next.Kiosk.AdminPIN = base.Kiosk.ID, base.Kiosk.Number, base.Kiosk.AdminPIN
	next.Version = version
	if err := next.Validate(); err != nil {
		return kiosk.Config{}, kiosk.WrapError(kiosk.EINVALID, err, "configuration v%d refused, the old one kept", version)
	}
	return next, nil
}

// LiveConfig applies the hub's desired configurations to the running
// kiosk: texts, topics, streets, timeouts and the brightness schedule take
// effect at once; pins and the rating gate's thresholds at the next start.
type LiveConfig struct {
	Cfg   *kiosk.Config
	DB    ConfigStore
	Apply func(func()) // runs on the thread that owns the session and screens; nil runs it directly

	mu      sync.Mutex
	version int64
	lastErr string
}

var _ kiosk.ConfigApplier = (*LiveConfig)(nil)

// ApplyConfig applies a newer, valid configuration and records it.
func (l *LiveConfig) ApplyConfig(ctx context.Context, version int64, raw json.RawMessage) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if version <= l.version {
		return kiosk.Errorf(kiosk.ECONFLICT, "configuration v%d is not newer than v%d", version, l.version)
	}
	next, err := remoteConfig(l.Cfg, version, raw)
	if err != nil {
		l.lastErr = err.Error()
		l.DB.AddCounter(ctx, "config_rejected", 1)
		return err
	}
	if err := l.DB.SetAppliedConfig(ctx, version, raw); err != nil {
		return fmt.Errorf("record configuration: %w", err)
	}
	apply := l.Apply
	if apply == nil {
		apply = func(f func()) { f() }
	}
	apply(func() { *l.Cfg = next })
	l.version, l.lastErr = version, ""
	return nil
}

// Version returns the configuration version applied.
func (l *LiveConfig) Version() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.version
}

// LastError returns why the last desired configuration was refused, or "".
func (l *LiveConfig) LastError() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lastErr
}

// LoadApplied puts the configuration applied before the last restart over
// the file's, if there is one.
func (l *LiveConfig) LoadApplied(ctx context.Context) error {
	v, raw, err := l.DB.AppliedConfig(ctx)
	if err != nil || v == 0 {
		return err
	}
	next, err := remoteConfig(l.Cfg, v, raw)
	if err != nil {
		return err
	}
	*l.Cfg = next
	l.version = v
	return nil
}

// SetApply changes how a new configuration is swapped in (on the UI
// thread once there is one).
func (l *LiveConfig) SetApply(fn func(func())) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Apply = fn
}
