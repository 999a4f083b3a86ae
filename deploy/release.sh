#!/usr/bin/env bash
# Builds a release into dist/VERSION: the kiosk for linux/arm64 (Raspberry Pi OS, 64-bit; cgo for
# Fyne through Debian's multiarch cross compiler and :arm64 -dev packages, see deploy/deps.sh), the
# hub (cgo too: its review app is Fyne) and kioskctl (pure Go) for linux/amd64 and linux/arm64. Each binary has the version stamped
# from git; SHA256SUMS lists them. With RELEASE_KEY=release.key (on the offline machine that keeps it), the kiosk binary is
# signed (kiosk-linux-arm64.sig, kioskctl sign-release); kiosks install no update without that signature.
#
#   deploy/release.sh          the whole release
#   deploy/release.sh -check   only the arm64 kiosk and hub, checked with file (make test runs this)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
ldflags="-X main.version=$version"
check=false
[ "${1:-}" = "-check" ] && check=true

out=dist/$version
$check && out=$(mktemp -d) && trap 'rm -rf "$out"' EXIT
mkdir -p "$out"

# Zinnia (handwriting) for arm64, unpacked by deploy/deps.sh: Debian's libzinnia is not multiarch.
zinnia=${ZINNIA_ARM64:-/usr/local/lib/opinionwall-arm64}
if [ ! -e "$zinnia/usr/lib/aarch64-linux-gnu/libzinnia.so" ]; then
	echo "release: no arm64 Zinnia in $zinnia; run make deps (deploy/deps.sh)" >&2
	exit 1
fi
zlib=$zinnia/usr/lib/aarch64-linux-gnu

# arm64 CMD: CMD for linux/arm64 with cgo (Fyne, Zinnia), checked with file.
arm64() {
	echo "release $version: $1 linux/arm64 (cgo, aarch64-linux-gnu-gcc)"
	CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=aarch64-linux-gnu-gcc \
		PKG_CONFIG_PATH=/usr/lib/aarch64-linux-gnu/pkgconfig PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig \
		CGO_CFLAGS="-I$zinnia/usr/include" CGO_LDFLAGS="-L$zlib -Wl,-rpath-link,$zlib" \
		go build -trimpath -ldflags "$ldflags" -o "$out/$1-linux-arm64" "./cmd/$1"
	desc=$(file -b "$out/$1-linux-arm64")
	case $desc in
	*"ARM aarch64"*"dynamically linked"*) echo "$1-linux-arm64: $desc" ;;
	*)
		echo "release: $1-linux-arm64 is not an aarch64 executable: $desc" >&2
		exit 1
		;;
	esac
}
arm64 kiosk
arm64 hub
if $check; then
	# The handwriting harness links the Zinnia binding for arm64 until the kiosk's keyboard does.
	arm64 handpad
	exit 0
fi

echo "release $version: hub linux/amd64 (cgo)"
CGO_ENABLED=1 go build -trimpath -ldflags "$ldflags" -o "$out/hub-linux-amd64" ./cmd/hub
for arch in amd64 arm64; do
	echo "release $version: kioskctl linux/$arch"
	CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$out/kioskctl-linux-$arch" ./cmd/kioskctl
done
(cd "$out" && sha256sum -- *-linux-* >SHA256SUMS)
if [ -n "${RELEASE_KEY:-}" ]; then
	echo "release $version: signing kiosk-linux-arm64 with $RELEASE_KEY"
	go run ./cmd/kioskctl sign-release "$out/kiosk-linux-arm64" -version "$version" -key "$RELEASE_KEY"
else
	echo "release $version: not signed; on the release key's machine run:"
	echo "  kioskctl sign-release $out/kiosk-linux-arm64 -version $version -key release.key"
fi
echo "release $version in $out:"
cat "$out/SHA256SUMS"
