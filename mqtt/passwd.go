package mqtt

import (
	"bufio"
	"bytes"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Credentials are broker users with hashed passwords, in mosquitto's
// password file format ("user:$7$ITERATIONS$SALT$HASH", PBKDF2-SHA512), so
// the same file serves the embedded broker and a station's mosquitto.
type Credentials struct {
	users map[string]string // user -> hash line
}

// Hash costs. A password a person chooses (the ops password, anything set
// with hub passwd) is hashed with HumanIterations rounds of PBKDF2-SHA512,
// so a copied password file does not give it away; a generated password (160
// random bits: kiosks' and the hub's) cannot be guessed whatever the cost, so
// it keeps the cheap GeneratedIterations (what mosquitto_passwd used), and a
// reconnecting fleet costs the broker nothing. Hashes of any cost up to
// maxIterations verify, so files written before keep working; setting a
// password again rehashes it.
const (
	HumanIterations     = 100_000
	GeneratedIterations = 101
	maxIterations       = 1_000_000
)

// OpenCredentials reads a password file to change it: a file that does not
// exist yet is an empty one.
func OpenCredentials(path string) (*Credentials, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ParseCredentials(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("credentials: %w", err)
	}
	return ParseCredentials(data)
}

// WriteFile replaces the password file at path atomically. A new file is
// mode 0600; a file that exists keeps its owner, group and mode (less any
// bits for others), so the service that reads it still can after root
// rewrote it.
func (c *Credentials) WriteFile(path string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, c.Bytes(), 0o600); err != nil {
		return fmt.Errorf("credentials: %w", err)
	}
	if err := keepOwner(path, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("credentials: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("credentials: %w", err)
	}
	return nil
}

// LoadCredentials reads a password file.
func LoadCredentials(path string) (*Credentials, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("credentials: %w", err)
	}
	return ParseCredentials(data)
}

// ParseCredentials reads password file text.
func ParseCredentials(data []byte) (*Credentials, error) {
	c := &Credentials{users: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, hash, ok := strings.Cut(line, ":")
		if !ok || user == "" {
			return nil, fmt.Errorf("credentials: line %d: want user:hash", n)
		}
		if _, _, _, err := parseHash(hash); err != nil {
			return nil, fmt.Errorf("credentials: line %d (%s): %w", n, user, err)
		}
		c.users[user] = hash
	}
	return c, sc.Err()
}

// Set adds or replaces a user with a freshly salted hash of password: the
// ops user's with HumanIterations, others' (generated) with
// GeneratedIterations.
func (c *Credentials) Set(user, password string) error {
	cost := GeneratedIterations
	if user == UserOps {
		cost = HumanIterations
	}
	return c.SetCost(user, password, cost)
}

// SetCost adds or replaces a user with a hash of iterations rounds.
func (c *Credentials) SetCost(user, password string, iterations int) error {
	if iterations < 1 || iterations > maxIterations {
		return fmt.Errorf("credentials: iterations %d (1 to %d)", iterations, maxIterations)
	}
	if user == "" || strings.ContainsAny(user, ": \t\n") {
		return fmt.Errorf("credentials: bad user name %q", user)
	}
	salt := make([]byte, 12)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	key, err := pbkdf2.Key(sha512.New, password, salt, iterations, 64)
	if err != nil {
		return err
	}
	if c.users == nil {
		c.users = map[string]string{}
	}
	c.users[user] = fmt.Sprintf("$7$%d$%s$%s", iterations,
		base64.StdEncoding.EncodeToString(salt), base64.StdEncoding.EncodeToString(key))
	return nil
}

// Delete removes a user; it reports whether there was one.
func (c *Credentials) Delete(user string) bool {
	_, ok := c.users[user]
	delete(c.users, user)
	return ok
}

// Check reports whether password is user's password.
func (c *Credentials) Check(user, password string) bool {
	hash, ok := c.users[user]
	if !ok {
		return false
	}
	iter, salt, want, err := parseHash(hash)
	if err != nil {
		return false
	}
	got, err := pbkdf2.Key(sha512.New, password, salt, iter, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}

// Users returns the user names, sorted.
func (c *Credentials) Users() []string {
	out := make([]string, 0, len(c.users))
	for u := range c.users {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// Bytes returns the password file text.
func (c *Credentials) Bytes() []byte {
	var b bytes.Buffer
	for _, u := range c.Users() {
		fmt.Fprintf(&b, "%s:%s\n", u, c.users[u])
	}
	return b.Bytes()
}

func parseHash(h string) (iter int, salt, key []byte, err error) {
	parts := strings.Split(h, "$")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "7" {
		return 0, nil, nil, fmt.Errorf("not a $7$ (PBKDF2-SHA512) hash")
	}
	// A huge count would make every login a denial of service.
	if iter, err = strconv.Atoi(parts[2]); err != nil || iter < 1 || iter > maxIterations {
		return 0, nil, nil, fmt.Errorf("bad iteration count %q (1 to %d)", parts[2], maxIterations)
	}
	if salt, err = base64.StdEncoding.DecodeString(parts[3]); err != nil {
		return 0, nil, nil, fmt.Errorf("bad salt: %w", err)
	}
	if key, err = base64.StdEncoding.DecodeString(parts[4]); err != nil || len(key) == 0 || len(key) > 64 {
		return 0, nil, nil, fmt.Errorf("bad hash")
	}
	return iter, salt, key, nil
}
