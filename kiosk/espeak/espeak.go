package espeak

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"

	"opinionwall/hardware/wav"
	"opinionwall/kiosk/booth"
)

// memEntries is how many clips the memory cache keeps (about 30 s each at
// most: under 100 MB in the worst case, a few MB in practice).
const memEntries = 64

// Espeak runs espeak-ng.
type Espeak struct {
	Command  string // "espeak-ng" unless set
	Voice    string // "cmn" unless set
	Speed    int    // words a minute; 0 for espeak's default
	CacheDir string // "" keeps clips in memory only

	mu    sync.Mutex
	mem   map[string][]int16
	order []string
}

var _ booth.Synthesizer = (*Espeak)(nil)

// Synthesize returns text spoken, from the cache when it was said before.
func (e *Espeak) Synthesize(ctx context.Context, text string) ([]int16, error) {
	key := e.key(text)
	if pcm, ok := e.cached(key); ok {
		return pcm, nil
	}
	pcm, err := e.run(ctx, text)
	if err != nil {
		return nil, err
	}
	e.keep(key, pcm)
	if e.CacheDir != "" {
		// A cache that cannot be written costs time later, not speech now.
		_ = e.write(key, pcm)
	}
	return pcm, nil
}

// Cached reports whether text would come from the cache.
func (e *Espeak) Cached(text string) bool {
	_, ok := e.cached(e.key(text))
	return ok
}

func (e *Espeak) run(ctx context.Context, text string) ([]int16, error) {
	cmd := e.Command
	if cmd == "" {
		cmd = "espeak-ng"
	}
	args := []string{"-v", e.voice(), "--stdout"}
	if e.Speed > 0 {
		args = append(args, "-s", strconv.Itoa(e.Speed))
	}
	c := exec.CommandContext(ctx, cmd, append(args, "--", text)...)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	if err := c.Run(); err != nil {
		return nil, fmt.Errorf("espeak-ng: %w: %s", err, bytes.TrimSpace(errOut.Bytes()))
	}
	pcm, err := wav.Decode(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("espeak-ng output: %w", err)
	}
	if len(pcm) == 0 {
		return nil, fmt.Errorf("espeak-ng said nothing for %q", text)
	}
	return pcm, nil
}

func (e *Espeak) voice() string {
	if e.Voice == "" {
		return "cmn"
	}
	return e.Voice
}

func (e *Espeak) key(text string) string {
	h := sha256.Sum256([]byte(e.voice() + "\x00" + strconv.Itoa(e.Speed) + "\x00" + text))
	return hex.EncodeToString(h[:16])
}

func (e *Espeak) cached(key string) ([]int16, bool) {
	e.mu.Lock()
	pcm, ok := e.mem[key]
	e.mu.Unlock()
	if ok || e.CacheDir == "" {
		return pcm, ok
	}
	pcm, err := wav.ReadFile(filepath.Join(e.CacheDir, key+".wav"))
	if err != nil || len(pcm) == 0 {
		return nil, false // absent or damaged: synthesise again
	}
	e.keep(key, pcm)
	return pcm, true
}

func (e *Espeak) keep(key string, pcm []int16) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.mem == nil {
		e.mem = map[string][]int16{}
	}
	if _, ok := e.mem[key]; ok {
		return
	}
	if len(e.order) >= memEntries {
		delete(e.mem, e.order[0])
		e.order = e.order[1:]
	}
	e.mem[key] = pcm
	e.order = append(e.order, key)
}

func (e *Espeak) write(key string, pcm []int16) error {
	if err := os.MkdirAll(e.CacheDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(e.CacheDir, key+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(wav.Encode(pcm)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(e.CacheDir, key+".wav"))
}

// Check reports whether espeak-ng runs and has the voice: espeak-ng
// speaks an unknown voice's text in English without a word of complaint.
func (e *Espeak) Check(ctx context.Context) error {
	cmd := e.Command
	if cmd == "" {
		cmd = "espeak-ng"
	}
	out, err := exec.CommandContext(ctx, cmd, "--voices="+e.voice()).Output()
	if err != nil {
		return fmt.Errorf("espeak-ng: %w", err)
	}
	for _, line := range bytes.Split(out, []byte("\n"))[1:] {
		if f := bytes.Fields(line); len(f) > 1 && string(f[1]) == e.voice() {
			return nil
		}
	}
	return fmt.Errorf("espeak-ng has no voice %q (install espeak-ng-data, see `espeak-ng --voices`)", e.voice())
}
