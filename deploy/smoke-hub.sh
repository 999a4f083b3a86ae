#!/usr/bin/env bash
# Smoke test of the station's review app: `hub app` with its window under
# Xvfb beside `hub run -headless`, on a store seeded with 3,000 submissions
# (hub seed). The app tours its own screens (OW_SMOKE_TOUR): log-in, inbox, a case, polls,
# statistics, fleet, deliberation; at each, this script screenshots the real window into
# build/smoke-hub/ and checks the picture is not blank. The log is checked
# for "Error in Fyne call thread" and panics.
set -euo pipefail
cd "$(dirname "$0")/.."
# Fyne reads the locale at start and complains about "C"; the station's is Chinese.
export LANG=zh_CN.UTF-8 LC_ALL=
out=build/smoke-hub
rm -rf "$out" && mkdir -p "$out"
disp=:${SMOKE_DISPLAY:-96}
port=${SMOKE_PORT:-18839}
work=$(mktemp -d)
hub_pid=
service_pid=
trap 'kill $hub_pid $service_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

Xvfb "$disp" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

bin/hub seed -data "$work/hub" -n 3000 -days 120 2>/dev/null | tee "$out/seed.txt"
bin/hub keygen -dir "$work/keys" -name hub >/dev/null
echo "smoke-pass" | bin/hub passwd -file "$work/passwd" wall-01 >/dev/null
mkdir -p "$work/tour"
# As at a station: the hub as a service (headless), and the review app on the desktop beside it,
# on the same store.
bin/hub run -headless -data "$work/hub" -credentials "$work/passwd" -key "$work/keys/hub.key" \
	-listen "127.0.0.1:$port" > "$out/service.log" 2>&1 &
service_pid=$!
OW_SMOKE_TOUR=$work/tour OW_SMOKE_LOGIN=zhang:1234 bin/hub app -data "$work/hub" -export-dir "$work/export" \
	> "$out/hub.log" 2>&1 &
hub_pid=$!

for step in 01-login 02-inbox 03-case 04-polls 05-stats 06-fleet 07-items; do
	for _ in $(seq 300); do [ -f "$work/tour/$step.ready" ] && break; sleep 0.1; done
	[ -f "$work/tour/$step.ready" ] || { echo "smoke-hub: the app never reached $step" >&2; tail -20 "$out/hub.log" >&2; exit 1; }
	sleep 0.8 # let the frame reach the screen
	import -window root "$out/$step.png"
	colours=$(identify -format %k "$out/$step.png")
	if [ "$colours" -lt 16 ]; then
		echo "smoke-hub: $step looks blank ($colours colours)" >&2
		exit 1
	fi
	touch "$work/tour/$step.done"
done

kill "$hub_pid" "$service_pid"; wait "$hub_pid" "$service_pid" 2>/dev/null || true
if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[" "$out/hub.log" "$out/service.log"; then
	echo "smoke-hub: errors in the hub's log" >&2
	exit 1
fi
grep -q "review app open" "$out/hub.log" || { echo "smoke-hub: the window never opened" >&2; exit 1; }
echo "smoke-hub: ok, 7 screenshots in $out"
