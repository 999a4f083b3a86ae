package main

import (
	"crypto/tls"

	"opinionwall/internal/ca"
)

// brokerTLS is the embedded broker's TLS configuration: its certificate,
// and client certificates required and verified against caFile, minus the
// serial numbers revoked in crlFile (optional; reread when it changes, so
// a revocation copied onto the station takes effect without a restart).
// The broker then binds each certificate's CN to the user that logs in
// with it.
func brokerTLS(certFile, keyFile, caFile, crlFile string, onError func(error)) (*tls.Config, error) {
	return ca.ServerTLS(certFile, keyFile, caFile, crlFile, onError)
}
