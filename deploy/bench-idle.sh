#!/usr/bin/env bash
# Measures a connected, idle kiosk: resident set size and CPU of the kiosk
# process over a while (default 120 s, so two telemetry reports fall in it),
# against a hub with its embedded broker. Needs `make build` first; needs
# no display (the kiosk runs without a window: -script reading a pipe that
# stays silent).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-120}
port=${IDLE_PORT:-18831}
d=$(mktemp -d)
trap 'kill $hub_pid $kiosk_pid 2>/dev/null || true; rm -rf "$d"' EXIT
bin/hub keygen -dir "$d/keys" >/dev/null
echo idle-kiosk-pass > "$d/pass"
bin/hub passwd -file "$d/passwd" idle-01 < "$d/pass" >/dev/null
bin/kiosk config-example | sed 's/^id = "wall-01"/id = "idle-01"/' > "$d/kiosk.toml"
bin/hub run -headless -data "$d/hub" -credentials "$d/passwd" -key "$d/keys/hub.key" -listen "127.0.0.1:$port" 2>"$d/hub.log" &
hub_pid=$!
sleep 1
# The kiosk reads resident actions from a pipe that stays open and silent.
mkfifo "$d/in"
sleep $((secs + 30)) > "$d/in" &
bin/kiosk run -config "$d/kiosk.toml" -data "$d/kiosk" -broker "tcp://127.0.0.1:$port" -password-file "$d/pass" \
	-trust "$d/keys" -script - < "$d/in" > /dev/null 2>"$d/kiosk.log" &
kiosk_pid=$!
sleep 5 # connected, settled
alive() {
	if ! kill -0 "$kiosk_pid" 2>/dev/null; then
		echo "bench-idle: the kiosk exited; its log:" >&2
		cat "$d/kiosk.log" >&2
		exit 1
	fi
}
alive
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$kiosk_pid/stat"; }
c0=$(cpu)
sleep "$secs"
alive
c1=$(cpu)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$kiosk_pid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$kiosk_pid/status")
echo "idle kiosk over ${secs}s: CPU $(( (c1 - c0) * 1000 / ticks )) ms ($(awk -v c=$((c1-c0)) -v t="$ticks" -v s="$secs" 'BEGIN{printf "%.3f", 100*c/t/s}')% of one core), RSS ${rss} KiB (peak ${hwm} KiB)"
if grep -q "relaying to the station" "$d/kiosk.log"; then
	echo "relay connected: yes"
else
	echo "relay connected: no (the figure is of a kiosk that never reached the hub)"
	exit 1
fi
