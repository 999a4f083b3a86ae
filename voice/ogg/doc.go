// Package ogg puts Opus packets into an Ogg container and takes them out
// again (RFC 3533 pages, RFC 7845 Ogg Opus: the OpusHead and OpusTags
// headers, granule positions at 48 kHz, page checksums). It is pure Go; the
// codec itself lives behind voice/opus, a thin cgo adapter over libopus.
package ogg
