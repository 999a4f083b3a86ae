package update

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// Plan is an update as the update command describes it.
type Plan struct {
	Version string `json:"version"`
	URL     string `json:"url"`
	SHA256  string `json:"sha256"`
	Size    int64  `json:"size"`
	// ReleaseSig is the release key's detached signature of the release
	// (SignRelease), base64.
	ReleaseSig string `json:"release_sig"`
}

// Trial states.
const (
	StateTrial  = "trial"  // switched; the new binary must report healthy before the deadline
	StateFailed = "failed" // switched back; the reason says why
)

// State is update.json.
type State struct {
	State    string    `json:"state"`
	CID      string    `json:"cid"` // the update command's, to answer it after the restart
	Version  string    `json:"version"`
	Next     string    `json:"next"`     // the new binary (releases/...)
	Previous string    `json:"previous"` // the binary to go back to
	Deadline time.Time `json:"deadline"`
	Starts   int       `json:"starts"` // how many times the guard let the new binary start
	Reason   string    `json:"reason,omitempty"`
}

// Updater works on one install directory.
type Updater struct {
	Dir       string
	Client    *http.Client
	Now       func() time.Time
	MaxBytes  int64 // the largest binary accepted
	MaxStarts int   // starts allowed on trial before the guard gives up
	// ReleaseKeys are the trusted release keys: Stage refuses a release
	// none of them signed (VerifyRelease), and every release without one.
	ReleaseKeys []ed25519.PublicKey
	// Hook, when set, is called between the steps with the step's name:
	// tests kill the process there.
	Hook func(step string)
}

var versionPattern = regexp.MustCompile(`^[0-9A-Za-z._-]{1,64}$`)

// Check validates a plan's fields.
func (p Plan) Check(maxBytes int64) error {
	switch {
	case !versionPattern.MatchString(p.Version):
		return fmt.Errorf("update: version %q is not 1-64 of letters, digits, '.', '_' and '-'", p.Version)
	case len(p.SHA256) != 64:
		return fmt.Errorf("update: sha256 must be 64 hex digits")
	case p.Size <= 0 || (maxBytes > 0 && p.Size > maxBytes):
		return fmt.Errorf("update: size %d is not between 1 and %d", p.Size, maxBytes)
	case p.URL == "":
		return fmt.Errorf("update: no url")
	}
	_, err := hex.DecodeString(p.SHA256)
	return err
}

func (u *Updater) hook(step string) {
	if u.Hook != nil {
		u.Hook(step)
	}
}

func (u *Updater) now() time.Time {
	if u.Now != nil {
		return u.Now()
	}
	return time.Now()
}

// link is the path of the symlink that runs.
func (u *Updater) link() string { return filepath.Join(u.Dir, "kiosk") }

// current returns the binary the symlink points at (relative to Dir).
func (u *Updater) current() (string, error) { return os.Readlink(u.link()) }

// Stage downloads and checks the release, and leaves it as
// releases/kiosk-VERSION; it returns that path relative to Dir.
func (u *Updater) Stage(ctx context.Context, p Plan) (string, error) {
	if err := p.Check(u.MaxBytes); err != nil {
		return "", err
	}
	if len(u.ReleaseKeys) == 0 || p.ReleaseSig == "" {
		// Not worth a download: it could not be installed.
		return "", VerifyRelease(u.ReleaseKeys, p.Version, p.SHA256, p.ReleaseSig)
	}
	rel := filepath.Join("releases", "kiosk-"+p.Version)
	final := filepath.Join(u.Dir, rel)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return "", err
	}
	part := final + ".part"
	defer os.Remove(part) // a failed or killed download leaves nothing used
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL, nil)
	if err != nil {
		return "", fmt.Errorf("update: %w", err)
	}
	client := u.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Minute}
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("update: download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("update: download: %s", resp.Status)
	}
	f, err := os.OpenFile(part, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o755)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(resp.Body, p.Size+1))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("update: download: %w", err)
	}
	u.hook("downloaded")
	if n != p.Size {
		return "", fmt.Errorf("update: got %d bytes, the plan says %d", n, p.Size)
	}
	got := hex.EncodeToString(h.Sum(nil))
	if got != p.SHA256 {
		return "", fmt.Errorf("update: sha256 %s, the plan says %s", got, p.SHA256)
	}
	// The signature over the file downloaded (its sha256, computed here).
	if err := VerifyRelease(u.ReleaseKeys, p.Version, got, p.ReleaseSig); err != nil {
		return "", err
	}
	if err := os.Rename(part, final); err != nil {
		return "", err
	}
	syncDir(filepath.Dir(final))
	u.hook("staged")
	return rel, nil
}

// Switch records the trial, then points the symlink at next atomically.
func (u *Updater) Switch(cid, version, next string, deadline time.Duration) error {
	prev, err := u.current()
	if err != nil {
		return fmt.Errorf("update: no current binary: %w", err)
	}
	st := State{State: StateTrial, CID: cid, Version: version, Next: next, Previous: prev, Deadline: u.now().Add(deadline)}
	if err := u.writeState(&st); err != nil {
		return err
	}
	u.hook("recorded")
	if err := u.point(next); err != nil {
		return err
	}
	u.hook("switched")
	return nil
}

// point makes the symlink point at target, atomically.
func (u *Updater) point(target string) error {
	tmp := u.link() + ".new"
	os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	if err := os.Rename(tmp, u.link()); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	syncDir(u.Dir)
	return nil
}

// Guard runs before every start of the kiosk. During a trial it counts the
// start; once the deadline has passed or the new binary has been started
// MaxStarts times without reporting healthy, it switches back to the
// previous binary and records why. It reports whether it switched back.
func (u *Updater) Guard() (bool, error) {
	st, err := u.Pending()
	if err != nil || st == nil || st.State != StateTrial {
		return false, err
	}
	// A kill between recording the trial and switching: nothing switched.
	if cur, err := u.current(); err == nil && cur == st.Previous {
		return false, u.clear()
	}
	maxStarts := u.MaxStarts
	if maxStarts <= 0 {
		maxStarts = 3
	}
	reason := ""
	switch {
	case !u.now().Before(st.Deadline):
		reason = "not healthy before the deadline"
	case st.Starts >= maxStarts:
		reason = fmt.Sprintf("started %d times without becoming healthy", st.Starts)
	}
	if reason == "" {
		st.Starts++
		return false, u.writeState(st)
	}
	if err := u.point(st.Previous); err != nil {
		return false, err
	}
	st.State, st.Reason = StateFailed, reason
	return true, u.writeState(st)
}

// Commit ends a trial: the new binary is healthy.
func (u *Updater) Commit() error { return u.clear() }

// Pending returns the update on trial or just failed, or nil.
func (u *Updater) Pending() (*State, error) {
	b, err := os.ReadFile(filepath.Join(u.Dir, "update.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		// A torn file cannot happen (written by rename); treat it as none.
		return nil, nil
	}
	return &st, nil
}

// Clear forgets a failed update once reported.
func (u *Updater) Clear() error { return u.clear() }

func (u *Updater) clear() error {
	err := os.Remove(filepath.Join(u.Dir, "update.json"))
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	syncDir(u.Dir)
	return err
}

func (u *Updater) writeState(st *State) error {
	b, _ := json.Marshal(st)
	path := filepath.Join(u.Dir, "update.json")
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err = f.Write(b); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(u.Dir)
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
