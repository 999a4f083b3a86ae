#!/usr/bin/env bash
# Smoke test of the resident flows that need a station, all real: `hub run`
# with its embedded broker on a seeded store (published replies, an open
# deliberation poll), kiosk demo-wall-01 (number 12) run by the demo
# resident script, then kiosk demo-wall-34 (number 34) in a window under
# Xvfb, driven with xdotool: kiosk 12's code typed at kiosk 34 is answered
# by the station; with the hub stopped (SIGSTOP) the kiosk says it is
# asking, then that it cannot ask the station now, with its phone number.
# Then, at kiosk 34: a rating by a physical button (the simulation's key 4)
# and by touch, a vote on the seeded poll, its receipt looked up at this
# kiosk, the wall of replies, and a rating in 长辈模式. Screenshots of each
# in build/smoke-lookup/.
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
bin/hub seed -data "$d/hub" -n 200 -days 30 > "$out/seed.txt" 2>&1
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
tap "首页"; wait_for "评服务"

# A rating by the physical button 4 (very satisfied): the face large with
# the service, no receipt code; then the kiosk goes back by itself.
win=$(xdotool search --name "Opinion Wall" | head -1)
xdotool key --window "$win" 4
sleep 0.5; shot 4-rating-button
sleep 3.5
# visit: the home screen, from the attract screen if the kiosk is there.
visit() {
	sleep 0.3
	grep -q "^评服务	" "$targets" || tap "点我说两句"
	wait_for "评服务"
}
# The same by touch.
visit; tap "评服务"; tap "网格员"; tap "很满意"; shot 5-rating-touch
tap "确认提交"; wait_for "完成"; shot 6-rating-submitted; tap "完成"
# A vote on the station's open poll (its label carries the closing date).
visit; tap "议事投票"
poll=$(for _ in $(seq 100); do grep -o '^村口空地做什么[^	]*' "$targets" && break; sleep 0.05; done | head -1)
[ -n "$poll" ] || { echo "smoke-lookup: the station's poll never reached kiosk 34" >&2; exit 1; }
shot 7-vote-items
tap "$poll"; wait_for "篮球场"; shot 8-vote-options
tap "篮球场"; tap "确认提交"; wait_for "完成"; shot 9-vote-submitted; tap "完成"
# The vote's receipt, looked up here (this kiosk's own code).
mine=$(sqlite3 -readonly "$d/b/kiosk.db" "SELECT ticket FROM submissions WHERE kind = 'vote' ORDER BY seq DESC LIMIT 1")
[ ${#mine} = 9 ] || { echo "smoke-lookup: kiosk 34 stored no vote" >&2; exit 1; }
visit; tap "查回复"; typecode "$mine"; tap "查询"
wait_for "查另一个回执号"; shot 10-own-code; tap "首页"
# The wall of replies.
visit; tap "看回复墙"; wait_for "下一页 →"; shot 11-wall
tap "下一页 →"; shot 12-wall-next; tap "首页"
# 长辈模式: a rating with the big faces.
visit; tap "长辈模式"; wait_for "✓ 长辈模式"; shot 13-elder-home
tap "评服务"; shot 14-elder-services
tap "网格员"; shot 15-elder-faces
tap "满意"; tap "确认提交"; wait_for "完成"; shot 16-elder-submitted; tap "完成"
kill "$kb"; wait "$kb" 2>/dev/null || true
votes=$(sqlite3 -readonly "$d/b/kiosk.db" "SELECT count(*) FROM submissions WHERE kind = 'vote'")
ratings=$(sqlite3 -readonly "$d/b/kiosk.db" "SELECT count(*) FROM submissions WHERE kind = 'rating'")
if [ "$votes" != 1 ] || [ "$ratings" != 3 ]; then
	echo "smoke-lookup: kiosk 34 stored $votes votes and $ratings ratings, want 1 and 3" >&2
	exit 1
fi
if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[" "$out"/kiosk-*.log; then
	echo "smoke-lookup: errors in a kiosk's log" >&2
	exit 1
fi
echo "smoke-lookup: ok, kiosk 34 looked up kiosk 12's code $code through the station, took a button rating, two touch ratings (one in 长辈模式) and a vote, looked up its own code and showed the wall; screenshots in $out"
