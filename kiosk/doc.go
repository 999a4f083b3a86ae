// Package kiosk is the domain of an Opinion Wall (意见墙) street kiosk: what a
// resident submits (opinions, ratings, votes), the ticket codes they are given,
// the kiosk's configuration, the text rules every input passes, and the
// interfaces the adapters implement.
//
// It imports nothing but the standard library. Adapters (kiosk/sqlite, mqtt,
// hardware, display) depend on it; it depends on none of them.
package kiosk
