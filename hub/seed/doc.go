// Package seed makes believable station data for demos, the smoke test and
// benchmarks: submissions from several kiosks over many days (opinions with
// preset phrases and free text, ratings, votes), workers with their
// buildings, a poll, and cases worked through the desk with their audit
// records. It is not used by a running station.
package seed
