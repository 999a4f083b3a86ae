// Package hub is the community station's domain: submissions received from
// the kiosks, the fleet of kiosks with their presence, sequence gaps and
// telemetry, and the interfaces the station's adapters implement.
//
// It imports only the standard library and the kiosk domain. The review
// app (triage, replies, moderation, polls, statistics) builds on it.
package hub
