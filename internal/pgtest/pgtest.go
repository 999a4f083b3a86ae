package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"opinionwall/internal/pgdb"
)

// Bin is where Debian's postgresql-15 keeps initdb and postgres; the
// environment's OW_PG_BIN overrides it.
var Bin = "/usr/lib/postgresql/15/bin"

// ErrNotInstalled says postgresql-15 is not on this machine.
var ErrNotInstalled = errors.New("postgresql-15 is not installed (deploy/deps.sh installs it)")

// Server is one running throw-away PostgreSQL.
type Server struct {
	dir  string // data directory and socket
	cmd  *exec.Cmd
	done chan error
	n    atomic.Int64
}

func bin(name string) string {
	if b := os.Getenv("OW_PG_BIN"); b != "" {
		return filepath.Join(b, name)
	}
	return filepath.Join(Bin, name)
}

// Available reports whether postgresql-15 is installed.
func Available() bool {
	_, err := os.Stat(bin("postgres"))
	return err == nil
}

// Start initialises a cluster in a new temporary directory and starts it.
func Start() (*Server, error) {
	if !Available() {
		return nil, ErrNotInstalled
	}
	sweep()
	dir, err := os.MkdirTemp("", "owpg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, done: make(chan error, 1)}
	cred, err := unprivileged(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	initdb := exec.Command(bin("initdb"), "-D", filepath.Join(dir, "data"), "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync")
	initdb.Dir, initdb.SysProcAttr = dir, &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %w: %s", err, out)
	}
	args := []string{"-D", filepath.Join(dir, "data"), "-k", dir, "-c", "listen_addresses=",
		"-c", "max_connections=300", "-c", "log_min_messages=fatal"}
	if os.Getenv("OW_PG_DURABLE") != "" {
		// As a station runs it: commits flushed (benchmarks against SQLite's synchronous=FULL).
		args = append(args, "-c", "shared_buffers=256MB")
	} else {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=64MB")
	}
	s.cmd = exec.Command(bin("postgres"), args...)
	s.cmd.Dir = dir
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT, Setpgid: true}
	log, _ := os.Create(filepath.Join(dir, "postgres.log"))
	s.cmd.Stdout, s.cmd.Stderr = log, log
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("postgres: %w", err)
	}
	go func() { s.done <- s.cmd.Wait(); log.Close() }()
	if err := s.wait(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// sweep removes what servers of test binaries that were killed left:
// directories an hour old whose postmaster is gone (Pdeathsig stopped it).
func sweep() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "owpg-*"))
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil || time.Since(st.ModTime()) < time.Hour {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(d, "data", "postmaster.pid")); err == nil {
			var pid int
			if _, err := fmt.Sscan(string(b), &pid); err == nil && syscall.Kill(pid, 0) == nil {
				continue // still running
			}
		}
		os.RemoveAll(d)
	}
}

// unprivileged returns the credential to run PostgreSQL with (it refuses
// root) and gives dir to it; nil when not root.
func unprivileged(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	const nobody = 65534
	if err := os.Chown(dir, nobody, nobody); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: nobody, Gid: nobody}, nil
}

// wait waits until the server accepts connections.
func (s *Server) wait() error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := pgdb.Open(s.URL("postgres"))
		if err == nil {
			err = db.Ping()
			db.Close()
		}
		if err == nil {
			return nil
		}
		select {
		case err := <-s.done:
			out, _ := os.ReadFile(filepath.Join(s.dir, "postgres.log"))
			return fmt.Errorf("postgres exited: %v: %s", err, out)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not start: %w", err)
		}
	}
}

// URL returns the URL of database name on the server.
func (s *Server) URL(name string) string {
	return "postgres://postgres@/" + name + "?host=" + url.QueryEscape(s.dir)
}

// Dir returns the server's socket directory.
func (s *Server) Dir() string { return s.dir }

// NewDatabase creates an empty database and returns its URL.
func (s *Server) NewDatabase(ctx context.Context, prefix string) (string, error) {
	name := fmt.Sprintf("%s_%d", strings.ToLower(prefix), s.n.Add(1))
	admin, err := pgdb.Open(s.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return s.URL(name), nil
}

// DropDatabase drops the database at url, closing its connections.
func (s *Server) DropDatabase(ctx context.Context, dbURL string) error {
	u, err := url.Parse(dbURL)
	if err != nil {
		return err
	}
	admin, err := pgdb.Open(s.URL("postgres"))
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+strings.TrimPrefix(u.Path, "/")+` WITH (FORCE)`)
	return err
}

// Stop stops the server (a fast shutdown) and removes its directory.
func (s *Server) Stop() error {
	if s == nil {
		return nil
	}
	if s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	return os.RemoveAll(s.dir)
}

var shared struct {
	sync.Mutex
	s   *Server
	err error
}

// Shared returns the test binary's server, started on first use.
func Shared() (*Server, error) {
	shared.Lock()
	defer shared.Unlock()
	if shared.s == nil && shared.err == nil {
		shared.s, shared.err = Start()
	}
	return shared.s, shared.err
}

// StopShared stops the shared server, if one was started: call it from
// TestMain after m.Run.
func StopShared() {
	shared.Lock()
	defer shared.Unlock()
	if shared.s != nil {
		shared.s.Stop()
		shared.s = nil
	}
}

// Database returns the URL of a new database on the shared server,
// dropped when the test ends; it skips the test when postgresql-15 is not
// installed.
func Database(tb testing.TB) string {
	tb.Helper()
	s, err := Shared()
	if errors.Is(err, ErrNotInstalled) {
		tb.Skip(err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	u, err := s.NewDatabase(context.Background(), "t")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.DropDatabase(context.Background(), u) })
	return u
}

// Open opens a database on a server for direct SQL in tests.
func Open(u string) (*sql.DB, error) { return pgdb.Open(u) }
