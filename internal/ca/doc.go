// Package ca is the station's certificate authority: a folder holding the
// CA's certificate and key, the certificates it issued (the broker's, each
// kiosk's), an index of their serial numbers and the revocation list
// (CRL) the brokers read. It uses only the standard library's crypto/x509,
// with ECDSA P-256 keys, which Go's TLS, paho and mosquitto (OpenSSL) all
// accept.
//
// The folder's layout is the one the former deploy/mosquitto/make-certs.sh
// (openssl) made, so a CA made by that script opens here too:
//
//	ca.crt, ca.key          the CA (ca.key 0600; kept off the station once the kiosks are made)
//	server.crt, server.key  the broker's certificate, for the station's names
//	kiosks/ID.crt, ID.key   each kiosk's client certificate (CN = the kiosk id)
//	index.json              every certificate issued: serial, name, kind, revocation
//	ca.crl                  the revocation list (PEM), signed by the CA
//
// Revocations reads a CRL for a TLS server and rereads it when the file
// changes, so a revocation copied onto the station takes effect at the
// next handshake without a restart.
package ca
