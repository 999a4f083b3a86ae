package ca

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Revocations is a CRL file as a TLS server checks it: the revoked serial
// numbers, reread whenever the file's size or modification time changes.
// A file that becomes unreadable or carries a bad signature keeps the
// last good list (revocations only grow; a broken copy must not let a
// revoked kiosk back in) and is reported through OnError.
type Revocations struct {
	Path    string
	CA      *x509.Certificate
	OnError func(error) // nil: ignored

	mu      sync.Mutex
	size    int64
	mod     time.Time
	revoked map[string]bool
}

// NewRevocations reads path, which must be a CRL signed by ca.
func NewRevocations(path string, ca *x509.Certificate) (*Revocations, error) {
	r := &Revocations{Path: path, CA: ca}
	if err := r.reload(); err != nil {
		return nil, err
	}
	return r, nil
}

// Revoked reports whether serial is on the list, rereading the file first
// if it changed.
func (r *Revocations) Revoked(cert *x509.Certificate) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, err := os.Stat(r.Path); err == nil && (st.Size() != r.size || !st.ModTime().Equal(r.mod)) {
		if err := r.reload(); err != nil && r.OnError != nil {
			r.OnError(err)
		}
	}
	return r.revoked[cert.SerialNumber.String()]
}

// reload reads the file; the caller holds mu (or owns r).
func (r *Revocations) reload() error {
	st, err := os.Stat(r.Path)
	if err != nil {
		return fmt.Errorf("crl: %w", err)
	}
	data, err := os.ReadFile(r.Path)
	if err != nil {
		return fmt.Errorf("crl: %w", err)
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != "X509 CRL" {
		return fmt.Errorf("crl: %s: no X509 CRL PEM block", r.Path)
	}
	crl, err := x509.ParseRevocationList(b.Bytes)
	if err != nil {
		return fmt.Errorf("crl: %s: %w", r.Path, err)
	}
	if err := crl.CheckSignatureFrom(r.CA); err != nil {
		return fmt.Errorf("crl: %s is not signed by the CA: %w", r.Path, err)
	}
	revoked := make(map[string]bool, len(crl.RevokedCertificateEntries))
	for _, e := range crl.RevokedCertificateEntries {
		revoked[e.SerialNumber.String()] = true
	}
	r.revoked, r.size, r.mod = revoked, st.Size(), st.ModTime()
	return nil
}

// ServerTLS is a TLS server configuration that requires and verifies a
// client certificate from the CA in caFile and, with crlFile, refuses the
// serial numbers revoked there (reread when the file changes).
func ServerTLS(certFile, keyFile, caFile, crlFile string, onError func(error)) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("TLS: %w", err)
	}
	if caFile == "" {
		return nil, errors.New("TLS: -tls-ca is required: the TLS listener accepts only kiosks with a certificate from the station's CA")
	}
	pemCA, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("TLS: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemCA) {
		return nil, fmt.Errorf("TLS: %s holds no certificate", caFile)
	}
	conf := &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: pool, ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}
	if crlFile == "" {
		return conf, nil
	}
	caCert, err := parseCert(pemCA)
	if err != nil {
		return nil, fmt.Errorf("TLS: %s: %w", caFile, err)
	}
	revs, err := NewRevocations(crlFile, caCert)
	if err != nil {
		return nil, fmt.Errorf("TLS: %w", err)
	}
	revs.OnError = onError
	conf.VerifyPeerCertificate = func(_ [][]byte, chains [][]*x509.Certificate) error {
		for _, chain := range chains {
			if len(chain) > 0 && revs.Revoked(chain[0]) {
				return fmt.Errorf("certificate %s (serial %s) is revoked", chain[0].Subject.CommonName, chain[0].SerialNumber)
			}
		}
		return nil
	}
	return conf, nil
}
