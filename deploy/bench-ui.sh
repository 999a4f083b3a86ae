#!/usr/bin/env bash
# CPU and memory of the kiosk window idle on the attract screen under Xvfb
# (default 60 s). Needs `make build`.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
disp=:${UI_DISPLAY:-96}
work=$(mktemp -d)
trap 'kill $kiosk_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
OW_WINDOWED=1 bin/kiosk run -config deploy/demo/kiosk.toml -data "$work/data" > "$work/log" 2>&1 &
kiosk_pid=$!
sleep 5
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$kiosk_pid/stat"; }
c0=$(cpu); sleep "$secs"; c1=$(cpu)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$kiosk_pid/status")
echo "kiosk window idle on the attract screen for ${secs}s: CPU $(( (c1 - c0) * 1000 / ticks )) ms ($(awk -v c=$((c1-c0)) -v t="$ticks" -v s="$secs" 'BEGIN{printf "%.2f", 100*c/t/s}')% of one core), RSS $((rss / 1024)) MiB"
