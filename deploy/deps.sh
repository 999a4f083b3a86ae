#!/usr/bin/env bash
# Installs what building and testing Opinion Wall needs on Debian, and only what is missing.
# Runs apt-get as root, through sudo otherwise; says plainly when it can do neither.
set -euo pipefail

packages=(
	# Fyne (cgo GLFW) build dependencies, see shared/DESIGN.md §8
	gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev
	# smoke tests of real windows: virtual X server, clicks, screenshots
	xvfb xdotool imagemagick sqlite3
	# the broker stations run, for the end-to-end test, and the tool that makes its certificates
	mosquitto openssl
	# a district's clustered broker (nats-server's MQTT gateway with JetStream): mqtt's
	# TestNATSCluster* run three nodes from deploy/nats
	nats-server
	# the Chinese font the bundled subset is cut from, and the tool that cuts it
	fonts-noto-cjk fonttools
	# make test checks the shell scripts and the systemd units (systemd-analyze)
	shellcheck systemd file
	# the kiosk for the Pi: a cross compiler and Fyne's -dev packages for arm64 (multiarch)
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	libgl1-mesa-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64
	libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64
	# handwriting (手写): the Zinnia recogniser and Tegaki's simplified-Chinese model
	libzinnia-dev tegaki-zinnia-simplified-chinese
	# the phone booth's spoken prompts (espeak-ng, voice cmn); malgo loads ALSA at run time
	espeak-ng libasound2
	# the Open311 smoke test's independent client (deploy/smoke-open311.sh)
	curl jq
	# voice messages: libopus through cgo (gopkg.in/hraban/opus.v2 also links libopusfile), for
	# the Pi's arm64 build too; opus-tools' opusinfo and opusenc check the files in the tests, sox makes
	# the test recordings
	libopus-dev libopusfile-dev libopus-dev:arm64 libopusfile-dev:arm64 opus-tools sox
	# the station's web pages, tested in a real browser (hub/web, chromedp)
	chromium
	# zinnia_learn and zinnia_convert: make handwriting-model trains the standard-order supplement
	zinnia-utils
	# the hub's store on PostgreSQL (-db postgres://…): the tests' throw-away server (internal/pgtest)
	# and pg_dump/pg_restore for its backups
	postgresql-15 postgresql-client-15
)

# Zinnia for the Pi's arm64 build. Debian's libzinnia0 and libzinnia-dev are not multiarch (the
# amd64 and arm64 packages conflict), so the arm64 ones are unpacked here, outside dpkg's tree,
# and deploy/release.sh links against them (ZINNIA_ARM64 there).
zinnia_arm64=/usr/local/lib/opinionwall-arm64
zinnia_arm64_debs=(libzinnia0:arm64 libzinnia-dev:arm64)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

need_zinnia_arm64=false
[ -e "$zinnia_arm64/usr/lib/aarch64-linux-gnu/libzinnia.so" ] || need_zinnia_arm64=true

# The handwriting pad's standard-order model (committed in deploy/handwriting, built by make
# handwriting-model) where kiosk.handwriting_standard_model looks for it by default, with its licence.
std_src=$(cd "$(dirname "$0")" && pwd)/handwriting
std_dir=/usr/share/opinionwall
std_missing=()
for f in handwriting-zh_CN-standard-order.model ARPHICPL.TXT; do
	cmp -s "$std_src/$f" "$std_dir/$f" || std_missing+=("$f")
done

if [ ${#missing[@]} -gt 0 ] || $need_zinnia_arm64 || [ ${#std_missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -eq 0 ]; then
		as_root=()
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		as_root=(sudo -n)
	else
		echo "deps: missing Debian packages: ${missing[*]}" >&2
		$need_zinnia_arm64 && echo "deps: missing $zinnia_arm64 (${zinnia_arm64_debs[*]}, unpacked)" >&2
		[ ${#std_missing[@]} -gt 0 ] && echo "deps: missing in $std_dir: ${std_missing[*]}" >&2
		echo "deps: this needs root; run 'make deps' as root or give this user sudo." >&2
		exit 1
	fi
fi

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
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
	# nats-server's package starts one on :4222 too; the tests run their own clusters.
	if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nats-server 2>/dev/null; then
		"${as_root[@]}" systemctl stop nats-server || true
	fi
fi

if $need_zinnia_arm64; then
	echo "deps: unpacking ${zinnia_arm64_debs[*]} into $zinnia_arm64"
	debs=$(mktemp -d)
	(cd "$debs" && apt-get download "${zinnia_arm64_debs[@]}")
	"${as_root[@]}" mkdir -p "$zinnia_arm64"
	for deb in "$debs"/*.deb; do
		"${as_root[@]}" dpkg-deb -x "$deb" "$zinnia_arm64"
	done
	rm -rf "$debs"
fi

if [ ${#std_missing[@]} -gt 0 ]; then
	for f in "${std_missing[@]}"; do
		echo "deps: installing $std_dir/$f"
		"${as_root[@]}" install -D -m 644 "$std_src/$f" "$std_dir/$f"
	done
fi

gobin="$(go env GOPATH)/bin"
if ! command -v staticcheck >/dev/null 2>&1 && [ ! -x "$gobin/staticcheck" ]; then
	echo "deps: installing staticcheck"
	go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
