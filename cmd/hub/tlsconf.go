package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// brokerTLS is the embedded broker's TLS configuration: its certificate,
// and client certificates required and verified against caFile, minus the
// serial numbers revoked in crlFile (optional). The broker then binds each
// certificate's CN to the user that logs in with it.
func brokerTLS(certFile, keyFile, caFile, crlFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("broker TLS: %w", err)
	}
	if caFile == "" {
		return nil, errors.New("broker TLS: -tls-ca is required: the TLS listener accepts only kiosks with a certificate from the station's CA")
	}
	pemCA, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("broker TLS: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemCA) {
		return nil, fmt.Errorf("broker TLS: %s holds no certificate", caFile)
	}
	conf := &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: pool, ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}
	if crlFile == "" {
		return conf, nil
	}
	revoked, err := loadCRL(crlFile, pemCA)
	if err != nil {
		return nil, err
	}
	conf.VerifyPeerCertificate = func(_ [][]byte, chains [][]*x509.Certificate) error {
		for _, chain := range chains {
			if len(chain) > 0 && revoked[chain[0].SerialNumber.String()] {
				return fmt.Errorf("certificate %s (serial %s) is revoked", chain[0].Subject.CommonName, chain[0].SerialNumber)
			}
		}
		return nil
	}
	return conf, nil
}

// loadCRL reads a PEM revocation list signed by the CA and returns its
// revoked serial numbers.
func loadCRL(path string, pemCA []byte) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("broker TLS: %w", err)
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != "X509 CRL" {
		return nil, fmt.Errorf("broker TLS: %s: no X509 CRL PEM block", path)
	}
	crl, err := x509.ParseRevocationList(b.Bytes)
	if err != nil {
		return nil, fmt.Errorf("broker TLS: %s: %w", path, err)
	}
	cb, _ := pem.Decode(pemCA)
	ca, err := x509.ParseCertificate(cb.Bytes)
	if err != nil {
		return nil, fmt.Errorf("broker TLS: CA: %w", err)
	}
	if err := crl.CheckSignatureFrom(ca); err != nil {
		return nil, fmt.Errorf("broker TLS: %s is not signed by the CA: %w", path, err)
	}
	revoked := map[string]bool{}
	for _, e := range crl.RevokedCertificateEntries {
		revoked[e.SerialNumber.String()] = true
	}
	return revoked, nil
}
