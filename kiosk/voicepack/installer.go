package voicepack

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
)

// Installer installs the packs the station pushes (kiosk.VoicePackInstaller)
// and switches the booth's voice to each one it installs. A pack refused
// changes nothing: the voice keeps the pack it had, or synthesis. After an
// install it renders the prompts in the background (booth.Voice.Prepare);
// Close stops that and waits for it.
type Installer struct {
	Path     string
	Verifier Verifier
	Voice    *booth.Voice // nil: installed for the next start only
	// Installed is told of each pack installed (telemetry, the log).
	Installed func(*Pack)

	mu        sync.Mutex // one install at a time: the version check and the rename
	preparing sync.WaitGroup
	stop      context.CancelFunc // the rendering under way; nil for none
	closed    bool
}

// InstallVoicePack verifies, installs and uses a signed pack; it returns
// its version, or 0 when the pack could not be read.
func (in *Installer) InstallVoicePack(ctx context.Context, signed []byte) (int64, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	p, err := Install(in.Path, signed, in.Verifier)
	if errors.Is(err, kiosk.ErrPackInstalled) {
		return p.Version, err // in use already: nothing to switch or render
	}
	if err != nil {
		return 0, err
	}
	if in.Voice != nil {
		in.Voice.SetPack(p)
		in.prepare(ctx)
	}
	if in.Installed != nil {
		in.Installed(p)
	}
	return p.Version, nil
}

// prepare renders the new pack's prompts in the background, after the
// relay's message is handled; a newer pack stops the rendering of the
// last. Called with mu held.
func (in *Installer) prepare(ctx context.Context) {
	if in.stop != nil {
		in.stop()
	}
	if in.closed {
		return
	}
	pctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	in.stop = stop
	in.preparing.Add(1)
	go func() {
		defer in.preparing.Done()
		in.Voice.Prepare(pctx)
	}()
}

// Close stops rendering prompts and waits until it stopped; packs
// installed afterwards are rendered when first played.
func (in *Installer) Close() error {
	in.mu.Lock()
	in.closed = true
	if in.stop != nil {
		in.stop()
	}
	in.mu.Unlock()
	in.preparing.Wait()
	return nil
}

// Peek reads the version and recorder a signed pack claims, without
// checking its signature: for the operator's messages before a push.
func Peek(signed []byte) (version int64, by string, err error) {
	var env struct {
		Payload []byte `json:"payload"`
	}
	var m Manifest
	if err := json.Unmarshal(signed, &env); err != nil {
		return 0, "", err
	}
	if err := json.Unmarshal(env.Payload, &m); err != nil {
		return 0, "", err
	}
	return m.Version, m.By, nil
}
