package update

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// A release is signed by a release key kept offline (kioskctl release-key
// init, sign-release): an ed25519 signature over releaseMessage, that is
// the release's version and the sha256 of its file. The kiosk checks it
// over the file it downloaded, in addition to the sha256 the signed update
// command names: whoever holds the operations key can order an update, but
// only to a release the release key signed (docs/SECURITY.md).

// releaseContext keeps a release signature from meaning anything else.
const releaseContext = "opinionwall release v1\n"

// releaseMessage is what a release signature signs.
func releaseMessage(version, sha256hex string) []byte {
	return []byte(releaseContext + version + "\n" + strings.ToLower(sha256hex) + "\n")
}

// SignRelease returns the detached signature (base64, one line) of the
// release with the given version and file sha256 (hex).
func SignRelease(key ed25519.PrivateKey, version, sha256hex string) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, releaseMessage(version, sha256hex)))
}

// ErrUnsigned is returned for a release without a signature by a trusted
// release key.
var ErrUnsigned = errors.New("update: the release is not signed by a trusted release key")

// VerifyRelease checks sig, a detached signature as SignRelease makes it,
// of the release with the given version and file sha256, against the
// trusted release keys.
func VerifyRelease(keys []ed25519.PublicKey, version, sha256hex, sig string) error {
	if len(keys) == 0 {
		return fmt.Errorf("%w: this kiosk trusts no release key (trust/release*.pub)", ErrUnsigned)
	}
	if sig == "" {
		return fmt.Errorf("%w: the update carries no release signature", ErrUnsigned)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(sig))
	if err != nil || len(raw) != ed25519.SignatureSize {
		return fmt.Errorf("%w: the release signature is not base64 of %d bytes", ErrUnsigned, ed25519.SignatureSize)
	}
	msg := releaseMessage(version, sha256hex)
	for _, k := range keys {
		if len(k) == ed25519.PublicKeySize && ed25519.Verify(k, msg, raw) {
			return nil
		}
	}
	return fmt.Errorf("%w: the signature of %s does not verify", ErrUnsigned, version)
}
