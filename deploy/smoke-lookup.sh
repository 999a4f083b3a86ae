#!/usr/bin/env bash
# Smoke test of looking up any code at any kiosk, all real: `hub run` with
# its embedded broker, kiosk demo-wall-01 (number 12) run by the demo
# resident script, then kiosk demo-wall-34 (number 34) in a window under
# Xvfb, driven with xdotool: kiosk 12's code typed at kiosk 34 is answered
# by the station; with the hub stopped (SIGSTOP) the kiosk says it is
# asking, then that it cannot ask the station now, with its phone number.
# Screenshots in build/smoke-lookup/.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=zh_CN.UTF-8 LC_ALL=
out=build/smoke-lookup
rm -rf "$out" && mkdir -p "$out"
disp=:${SMOKE_DISPLAY:-96}
port=${SMOKE_PORT:-18896}
d=$(mktemp -d)
trap 'kill -CONT ${hub_pid:-} 2>/dev/null; kill ${kb:-} ${hub_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$d"' EXIT

if xdpyinfo -display "$disp" >/dev/null 2>&1; then
	echo "smoke-lookup: display $disp is in use; choose another with SMOKE_DISPLAY" >&2
	exit 1
fi
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

bin/hub keygen -dir "$d/keys" -name hub >/dev/null
head -c 18 /dev/urandom | base64 > "$d/pass"
for k in demo-wall-01 demo-wall-34; do bin/hub passwd -file "$d/passwd" "$k" < "$d/pass" >/dev/null; done
bin/hub run -headless -data "$d/hub" -credentials "$d/passwd" -key "$d/keys/hub.key" -listen "127.0.0.1:$port" > "$out/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
bin/kiosk run -config deploy/demo/kiosk.toml -data "$d/a" -script deploy/demo/resident.script -once \
	-broker "tcp://127.0.0.1:$port" -password-file "$d/pass" -trust "$d/keys" -drain-wait 20s 2> "$out/kiosk-12.log" > "$out/kiosk-12.out"
# the first ticket the script's residents got: ticket="126 658 404"
code=$(grep -o 'ticket="[0-9 ]*"' "$out/kiosk-12.out" | head -1 | tr -dc '0-9')
[ ${#code} = 9 ] || { echo "smoke-lookup: kiosk 12 issued no ticket" >&2; exit 1; }
unknown=129635586 # kiosk 12's code never issued
sleep 3 # cases are made beside the ingest

sed -e 's/^id = .*/id = "demo-wall-34"/' -e 's/^number = .*/number = 34/' deploy/demo/kiosk.toml > "$d/b.toml"
targets=$d/targets
OW_WINDOWED=1 OW_TARGETS_FILE=$targets bin/kiosk run -config "$d/b.toml" -data "$d/b" -hardware sim \
	-broker "tcp://127.0.0.1:$port" -password-file "$d/pass" -trust "$d/keys" 2> "$out/kiosk-34.log" &
kb=$!
wait_for() {
	for _ in $(seq 200); do
		[ -f "$targets" ] && grep -q "^$1	" "$targets" && return 0
		sleep 0.05
	done
	echo "smoke-lookup: no \"$1\" on screen; buttons were:" >&2
	cut -f1 "$targets" >&2 || true
	exit 1
}
tap() {
	wait_for "$1"
	read -r x y < <(awk -F'\t' -v l="$1" '$1 == l {print $2, $3; exit}' "$targets")
	xdotool mousemove --window "$(xdotool search --name "Opinion Wall" | head -1)" "$x" "$y" click 1
	sleep 0.25
}
typecode() { local i; for ((i = 0; i < ${#1}; i++)); do tap "${1:i:1}"; done; }
shot() { sleep 0.3; import -window root "$out/$1.png"; }

wait_for "点我说两句"
sleep 2 # connected and subscribed
tap "点我说两句"; tap "查回复"; typecode "$code"; tap "查询"
wait_for "查另一个回执号"; shot 1-other-kiosk-code
tap "首页"; tap "查回复"
kill -STOP "$hub_pid" # the hub hangs: nobody answers
typecode "$unknown"; tap "查询"; shot 2-asking
wait_for "再问一次"; shot 3-station-unreachable
kill -CONT "$hub_pid"
kill "$kb"; wait "$kb" 2>/dev/null || true
if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[" "$out"/kiosk-*.log; then
	echo "smoke-lookup: errors in a kiosk's log" >&2
	exit 1
fi
echo "smoke-lookup: ok, kiosk 34 looked up kiosk 12's code $code through the station; screenshots in $out"
