package kiosk

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Command is a maintenance command, as the relay received it (its
// signature already checked).
type Command struct {
	CID   string          `json:"cid"`
	Kiosk string          `json:"kiosk"`
	Cmd   string          `json:"cmd"`
	Args  json.RawMessage `json:"args,omitempty"`
	IAT   time.Time       `json:"iat"`
	EXP   time.Time       `json:"exp"`
	Nonce string          `json:"nonce"`
	// Key is the id of the key that signed the command, set by the relay
	// (not part of the signed payload).
	Key string `json:"-"`
}

// Result statuses of a command.
const (
	ResultAccepted   = "accepted"
	ResultInProgress = "in_progress"
	ResultSucceeded  = "succeeded"
	ResultFailed     = "failed"
	ResultRejected   = "rejected"
)

// Result is a kiosk's answer to a command; a command may have several
// (accepted, in progress, then succeeded or failed).
type Result struct {
	CID    string          `json:"cid"`
	Status string          `json:"status"`
	Detail string          `json:"detail,omitempty"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// CommandHandler acts on verified commands. retained tells whether the
// broker delivered the command as a retained message (always refused).
// reply sends a result; it may be called several times.
type CommandHandler interface {
	HandleCommand(ctx context.Context, c Command, retained bool, reply func(Result))
}

// NonceStore remembers command nonces until they expire, and the highest
// issued-at seen per signing key, which survives a clock rollback.
type NonceStore interface {
	SeeNonce(ctx context.Context, nonce string, expires time.Time) (bool, error)
	// SeeIssued records iat for key when it is the highest yet and returns
	// the highest issued-at seen before (zero for a new key).
	SeeIssued(ctx context.Context, key string, iat time.Time) (time.Time, error)
}

// VoicePackInstaller installs a signed voice pack the station pushed: it
// verifies it (an operations key's), installs it when newer than the
// installed one and starts using it. It returns the pack's version (0 when
// it could not be read); a pack not newer is an ECONFLICT error, and the
// very pack installed, pushed again, is ErrPackInstalled with its version.
type VoicePackInstaller interface {
	InstallVoicePack(ctx context.Context, signed []byte) (int64, error)
}

// ErrPackInstalled says a voice pack pushed is, byte for byte, the one
// installed (a hub publishes its packs again after it reconnects):
// nothing changes, and the booth has it.
var ErrPackInstalled = errors.New("this voice pack is the one installed")

// ConfigApplier applies a desired configuration sent by the hub: version
// must be newer than the one applied, the configuration valid; it returns
// why it was refused otherwise, and the old configuration stays.
type ConfigApplier interface {
	ApplyConfig(ctx context.Context, version int64, raw json.RawMessage) error
}
