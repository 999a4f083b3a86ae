package main

import (
	"opinionwall/hub/open311"
	"opinionwall/hub/web"
)

// Open311 on the web server too (with -web-api), beside its own listener
// (-open311-listen): partners reach it through the same HTTPS address.
func init() {
	webMounts = append(webMounts, func(m *Main, s *web.Server) error {
		return s.Mount(open311.Prefix, m.open311Handler())
	})
}
