#!/usr/bin/env bash
# Idle CPU of the kiosk window on the attract screen with the wall's
# replies rotating (every 10 s), against Fyne's hello-world window
# (cmd/fynehello) on the same X server in the same run: ROUNDS rounds
# (default 5), each measuring the kiosk for SECS seconds (default 30), then
# the hello-world window for as long. The kiosk is connected to a seeded hub
# (deploy/station-up.sh), so its wall has replies, figures and polls.
# Needs bin/kiosk, bin/hub and bin/fynehello (go build -o bin/ ./cmd/...).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
secs=${2:-30}
disp=:${BENCH_DISPLAY:-82}
port=${BENCH_PORT:-18883}
work=$(mktemp -d)
export LANG=zh_CN.UTF-8 LC_ALL=
kiosk_pid='' hello_pid=''
trap 'kill $kiosk_pid $hello_pid $hub_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
kiosks=bench-01
. deploy/station-up.sh
cat > "$work/kiosk.toml" <<TOML
[kiosk]
id = "bench-01"
number = 61
role = "wall"
admin_pin = "480731"
[station]
phone = "0755-2345 6789"
TOML
OW_WINDOWED=1 bin/kiosk run -config "$work/kiosk.toml" -data "$work/kiosk" -broker "tcp://127.0.0.1:$port" \
	-password-file "$work/bench-01.pass" -trust "$work/keys" > "$work/kiosk.log" 2>&1 &
kiosk_pid=$!
bin/fynehello > "$work/hello.log" 2>&1 &
hello_pid=$!
sleep 15 # connected, the wall arrived and is rotating; both windows settled
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# measure PID: percent of one core over $secs.
measure() {
	local c0 c1
	c0=$(cpu "$1"); sleep "$secs"; c1=$(cpu "$1")
	awk -v c=$((c1 - c0)) -v t="$ticks" -v s="$secs" 'BEGIN{printf "%.2f", 100*c/t/s}'
}
ksum=0 hsum=0
for r in $(seq "$rounds"); do
	k=$(measure "$kiosk_pid")
	h=$(measure "$hello_pid")
	echo "round $r: kiosk attract ${k}%  hello-world ${h}%  (of one core, ${secs}s each)"
	ksum=$(awk -v a="$ksum" -v b="$k" 'BEGIN{print a+b}')
	hsum=$(awk -v a="$hsum" -v b="$h" 'BEGIN{print a+b}')
done
rss=$(awk '/VmRSS/ {print $2}' "/proc/$kiosk_pid/status")
awk -v k="$ksum" -v h="$hsum" -v n="$rounds" -v rss="$rss" 'BEGIN{
	printf "mean over %d rounds: kiosk attract %.2f%%, hello-world %.2f%%, difference %.2f%% of one core; kiosk RSS %d MiB\n", n, k/n, h/n, (k-h)/n, rss/1024}'
grep -q "relaying to the station" "$work/kiosk.log" && echo "kiosk connected to the hub: yes"
