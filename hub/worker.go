package hub

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Role is what a worker may do and see at the station.
type Role string

// The roles.
const (
	// RoleLead runs the station (站长): everything, including residents'
	// contact details, polls and the public wall.
	RoleLead Role = "lead"
	// RoleWorker is a social or grid worker (社工, 网格员): triage, replies
	// and contact details of residents who left them.
	RoleWorker Role = "worker"
	// RoleVolunteer helps sort the inbox: no contact details, no wall, no polls.
	RoleVolunteer Role = "volunteer"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleLead || r == RoleWorker || r == RoleVolunteer }

// SeesContact reports whether the role may see a resident's name and phone.
func (r Role) SeesContact() bool { return r == RoleLead || r == RoleWorker }

// Moderates reports whether the role may publish to the wall and run polls.
func (r Role) Moderates() bool { return r == RoleLead }

// Replies reports whether the role may answer residents.
func (r Role) Replies() bool { return r == RoleLead || r == RoleWorker }

// Worker is a person working at the station.
type Worker struct {
	ID      string // short, stable: used in audit records
	Name    string // shown: 张丽
	Role    Role
	PINHash string // pbkdf2-sha256$iterations$salt$hash
}

// Allowed reports whether the worker may take the action: volunteers sort
// the inbox (triage, assignment, duplicates); workers also work cases to
// the end; leads also moderate the wall.
func (w Worker) Allowed(a ActionKind) bool {
	switch a {
	case ActTriage, ActAssign, ActDuplicate:
		return w.Role.Valid()
	case ActPublish, ActUnpublish:
		return w.Role.Moderates()
	}
	return w.Role.Replies()
}

// mayAct refuses (EFORBIDDEN) an action the worker's role may not take.
func (w Worker) mayAct(a ActionKind) error {
	if err := w.signedIn(); err != nil {
		return err
	}
	if !w.Allowed(a) {
		return kiosk.Errorf(kiosk.EFORBIDDEN, "a %s may not %s", w.Role, a)
	}
	return nil
}

// mayRunPolls refuses (EFORBIDDEN) poll work to all but moderators.
func (w Worker) mayRunPolls(what string) error {
	if err := w.signedIn(); err != nil {
		return err
	}
	if !w.Role.Moderates() {
		return kiosk.Errorf(kiosk.EFORBIDDEN, "a %s may not %s", w.Role, what)
	}
	return nil
}

// signedIn refuses (EUNAUTHORIZED) a worker without a role: no one logged in.
func (w Worker) signedIn() error {
	if w.ID == "" || !w.Role.Valid() {
		return kiosk.Errorf(kiosk.EUNAUTHORIZED, "log in first")
	}
	return nil
}

// ValidWorkerID reports whether id can name a worker: like a kiosk id.
func ValidWorkerID(id string) bool { return kiosk.ValidKioskID(id) }

// Validate checks a worker record.
func (w Worker) Validate() error {
	if !ValidWorkerID(w.ID) {
		return kiosk.Errorf(kiosk.EINVALID, "worker id %q: use 1-32 of a-z, 0-9 and -", w.ID)
	}
	if strings.TrimSpace(w.Name) == "" || len([]rune(w.Name)) > 32 {
		return kiosk.Errorf(kiosk.EINVALID, "worker %s: a name of 1-32 characters is needed", w.ID)
	}
	if !w.Role.Valid() {
		return kiosk.Errorf(kiosk.EINVALID, "worker %s: role %q is not lead, worker or volunteer", w.ID, w.Role)
	}
	return nil
}

const pinIterations = 60000

// MinPINDigits is the shortest PIN a worker may choose; MaxPINDigits the
// longest. A worker whose PIN was set shorter (before 6 digits were the
// rule) is refused at log-in until a lead sets a new one (Desk.Login).
const (
	MinPINDigits = 6
	MaxPINDigits = 12
)

// HashPIN returns the stored form of a PIN of 6 to 12 digits.
func HashPIN(pin string) (string, error) {
	if strings.Trim(pin, "0123456789") != "" {
		return "", kiosk.Errorf(kiosk.EINVALID, "a PIN is digits only (%d to %d of them)", MinPINDigits, MaxPINDigits)
	}
	if len(pin) < MinPINDigits || len(pin) > MaxPINDigits {
		return "", kiosk.Errorf(kiosk.EINVALID, "a PIN is %d to %d digits, this one has %d", MinPINDigits, MaxPINDigits, len(pin))
	}
	salt := make([]byte, 16)
	rand.Read(salt)
	return hashWith(pin, salt, pinIterations)
}

func hashWith(pin string, salt []byte, iter int) (string, error) {
	key, err := pbkdf2.Key(sha256.New, pin, salt, iter, 32)
	if err != nil {
		return "", fmt.Errorf("hash PIN: %w", err)
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("pbkdf2-sha256$%d$%s$%s", iter, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// CheckPIN reports whether pin matches the worker's stored hash.
func (w Worker) CheckPIN(pin string) bool {
	parts := strings.Split(w.PINHash, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	var iter int
	if _, err := fmt.Sscanf(parts[1], "%d", &iter); err != nil || iter < 1 || iter > 1_000_000 {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[2])
	if err != nil {
		return false
	}
	got, err := hashWith(pin, salt, iter)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(w.PINHash)) == 1
}

// PINLock is a worker's run of wrong PINs: how many in a row since the
// last right one or lock, and until when they must wait (zero: not
// locked).
type PINLock struct {
	Fails int
	Until time.Time
}

// Lockout limits.
const (
	MaxPINFailures = 5
	PINLockout     = 5 * time.Minute
)

// Locked reports whether the worker must wait at now.
func (l PINLock) Locked(now time.Time) bool { return now.Before(l.Until) }

// After returns the lock after a PIN check: a right PIN clears it; the
// MaxPINFailures-th wrong PIN in a row locks the worker for PINLockout.
func (l PINLock) After(ok bool, now time.Time) PINLock {
	if ok {
		return PINLock{}
	}
	l.Fails++
	if l.Fails >= MaxPINFailures {
		l.Until, l.Fails = now.Add(PINLockout), 0
	}
	return l
}

// LockoutStore keeps each worker's PINLock where every client of the
// station reads it and a restart does not forget it (the station's
// store).
type LockoutStore interface {
	PINLock(ctx context.Context, worker string) (PINLock, error)
	PutPINLock(ctx context.Context, worker string, l PINLock) error
}

// Lockout keeps the PINLocks in memory: for a Desk without a
// LockoutStore (tests, tools). It forgets them when the process ends.
type Lockout struct {
	locks map[string]PINLock
}

// Locked reports whether the worker must wait, and until when.
func (l *Lockout) Locked(id string, now time.Time) (time.Time, bool) {
	k := l.locks[id]
	return k.Until, k.Locked(now)
}

// Record notes the outcome of a PIN check.
func (l *Lockout) Record(id string, ok bool, now time.Time) {
	if l.locks == nil {
		l.locks = map[string]PINLock{}
	}
	l.locks[id] = l.locks[id].After(ok, now)
}

// PINLock returns the worker's lock (LockoutStore).
func (l *Lockout) PINLock(_ context.Context, id string) (PINLock, error) { return l.locks[id], nil }

// PutPINLock keeps the worker's lock (LockoutStore).
func (l *Lockout) PutPINLock(_ context.Context, id string, k PINLock) error {
	if l.locks == nil {
		l.locks = map[string]PINLock{}
	}
	l.locks[id] = k
	return nil
}
