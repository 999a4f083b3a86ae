// Package pgtest runs a throw-away PostgreSQL for tests: Debian's
// postgresql-15 initdb'd into a temporary directory as an unprivileged
// user (nobody, when the tests run as root), listening on a unix socket in
// that directory only, with fsync off (OW_PG_DURABLE=1 keeps PostgreSQL's
// durable defaults, for benchmarks), and removed when stopped. One
// server serves a test binary (Shared); each test gets a database of its
// own (Database). Tests skip, saying why, only when postgresql-15 is not
// installed (deploy/deps.sh installs it).
package pgtest
