// Package hub will be the community station's domain: ingest of
// submissions, triage (三事分流), assignment, replies, moderation of the
// public wall, polls, statistics and the fleet of kiosks.
//
// Nothing is here yet: it is built by the relay and review-app issues.
package hub
