// Package pgdb opens a PostgreSQL database for code written against
// SQLite's dialect of database/sql: pgx's driver (github.com/jackc/pgx/v5
// stdlib) behind a thin wrapper that rewrites `?` placeholders to `$n`,
// passes booleans as 0 and 1 (SQLite's integers), and makes every write
// transaction take one advisory lock first, so that write transactions
// run one at a time as with SQLite's BEGIN IMMEDIATE, across all the
// processes sharing the database. Read-only transactions and statements
// outside transactions take no lock.
package pgdb
