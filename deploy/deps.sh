#!/usr/bin/env bash
# Installs what building and testing Opinion Wall needs on Debian, and only what is missing.
# Runs apt-get as root, through sudo otherwise; says plainly when it can do neither.
set -euo pipefail

packages=(
	# Fyne (cgo GLFW) build dependencies, see shared/DESIGN.md §8
	gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev
	# smoke tests of real windows: virtual X server, clicks, screenshots
	xvfb xdotool imagemagick
	# the broker stations run, for the end-to-end test, and the tool that makes its certificates
	mosquitto openssl
	# the Chinese font the bundled subset is cut from, and the tool that cuts it
	fonts-noto-cjk fonttools
	# make test checks the shell scripts and the systemd units (systemd-analyze)
	shellcheck systemd file
	# the kiosk for the Pi: a cross compiler and Fyne's -dev packages for arm64 (multiarch)
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	libgl1-mesa-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64
	libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	if [ "$(id -u)" -eq 0 ]; then
		as_root=()
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		as_root=(sudo -n)
	else
		echo "deps: missing Debian packages: ${missing[*]}" >&2
		echo "deps: this needs root; run 'make deps' as root or give this user sudo." >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		"${as_root[@]}" dpkg --add-architecture arm64
	fi
	"${as_root[@]}" apt-get update -q
	"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
	# mosquitto's package starts a system broker on :1883; tests start their own on free ports.
	if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mosquitto 2>/dev/null; then
		"${as_root[@]}" systemctl stop mosquitto || true
	fi
fi

gobin="$(go env GOPATH)/bin"
if ! command -v staticcheck >/dev/null 2>&1 && [ ! -x "$gobin/staticcheck" ]; then
	echo "deps: installing staticcheck"
	go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
