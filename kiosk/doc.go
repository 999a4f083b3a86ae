// Package kiosk is the domain of an Opinion Wall (意见墙) street kiosk: what a
// resident submits (opinions, ratings, votes), the ticket codes they are given,
// the kiosk's configuration, the text rules every input passes, the signed
// commands and results of maintenance, and the interfaces the adapters
// implement (Outbox and Downstream for the relay, CommandHandler,
// NonceStore).
//
// The configuration lives in config.go (Config, Validate) and one file per
// section (config_kiosk.go, config_session.go, config_hardware.go,
// config_topics.go, config_streets.go, config_brightness.go), each section
// validating itself; defaults.go holds the values every file is loaded over.
//
// It imports nothing but the standard library. Adapters (kiosk/sqlite,
// kiosk/toml, mqtt, hardware, display) depend on it; it depends on none of
// them.
package kiosk
