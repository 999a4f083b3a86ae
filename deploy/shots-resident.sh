#!/usr/bin/env bash
# Screenshots of the resident screens of issue 13's parts 4-6 in a real
# window under Xvfb: the attract screen of a wall kiosk, a rating kiosk and
# a booth (fed by a seeded hub over MQTT: the wall's replies, the month's
# figures, the open polls), home, topic choice, the rating faces, a button
# press's thanks and the reasons after a dissatisfied press, in normal,
# 大字 and English. Output in build/shots/. Needs bin/kiosk, bin/hub.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/shots
rm -rf "$out" && mkdir -p "$out"
disp=:${SHOTS_DISPLAY:-82}
port=${SHOTS_PORT:-18882}
work=$(mktemp -d)
export LANG=zh_CN.UTF-8 LC_ALL=
kiosk_pid=
trap 'kill $kiosk_pid $hub_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
kiosks="wall-01 rate-01 booth-01"
. deploy/station-up.sh

targets=$work/targets
wait_for() {
	for _ in $(seq 100); do
		[ -f "$targets" ] && grep -q "^$1	" "$targets" && return 0
		sleep 0.05
	done
	echo "shots: no \"$1\" on screen; buttons were:" >&2
	cut -f1 "$targets" >&2 || true
	exit 1
}
tap() {
	wait_for "$1"
	read -r x y < <(awk -F'\t' -v l="$1" '$1 == l {print $2, $3; exit}' "$targets")
	xdotool mousemove "$x" "$y" click 1
	sleep 0.4
}
key() { xdotool key "$1"; sleep 0.4; }
shot() {
	sleep 0.4
	import -window root "$out/$1.png"
	echo "$1 $(xdotool search --name "Opinion Wall" getwindowgeometry | grep Geometry)" >> "$out/geometry.txt"
}

# kiosk ID ROLE ATTRACT LANG [night]: start a kiosk window connected to the
# hub, in the day palette (the night one with "night").
kiosk() {
	[ -n "$kiosk_pid" ] && { kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true; }
	n=$((${n:-40} + 1)) lvl=80
	[ -n "${5:-}" ] && lvl=20
	cat > "$work/$1.toml" <<TOML
[kiosk]
id = "$1"
number = $n
role = "$2"
attract = "$3"
default_language = "$4"
admin_pin = "480731"
[station]
phone = "0755-2345 6789"
[session]
submitted_timeout = "30s"
[[brightness]]
from = "00:00"
level = $lvl
TOML
	rm -f "$targets"
	OW_WINDOWED=1 OW_TARGETS_FILE=$targets bin/kiosk run -config "$work/$1.toml" -data "$work/k-$1-$4-$3" \
		-broker "tcp://127.0.0.1:$port" -password-file "$work/$1.pass" -trust "$work/keys" > "$out/$1-$4.log" 2>&1 &
	kiosk_pid=$!
	sleep 11 # connected; the wall and the polls arrive, the next rotation shows them
}

kiosk wall-01 wall invite zh
shot attract-wall
sleep 10; shot attract-wall-next
tap "点我说两句"; shot home
tap "提意见"; shot topics
tap "首页"; tap "评服务"; shot services
tap "社区工作站"; shot faces
tap "大字"; shot faces-large
tap "首页"; tap "提意见"; shot topics-large
tap "首页"; shot home-large
tap "English"; shot home-en-large
tap "Give an opinion"; shot topics-en-large
tap "Normal text"; shot topics-en
tap "Home"; tap "Rate a service"; tap "Community station"; shot faces-en
tap "Home"; tap "中文"
key 4; shot press-thanks
sleep 3.5; shot after-thanks
key 1; shot press-reasons
tap "态度不好"; shot press-reasons-chosen
tap "完成"; shot press-reasons-done
sleep 3.5; tap "点我说两句"; tap "大字"
key 1; shot press-reasons-large
tap "完成"; shot press-thanks-large

kiosk wall-01 wall invite en
shot attract-wall-en
tap "Tap to have your say"; tap "Large text"; shot home-en-large-day
tap "Rate a service"; tap "Community station"; shot faces-en-large
tap "Home"; tap "Normal text"
key 2; shot press-reasons-en
tap "Done"; shot press-thanks-en

kiosk rate-01 wall rating zh
shot attract-rating
key 3; shot attract-rating-thanks
kiosk rate-01 wall rating en
shot attract-rating-en

kiosk booth-01 booth invite zh
shot attract-booth
key h; shot booth-handset
key 4; shot booth-handset-press
kiosk booth-01 booth invite en
shot attract-booth-en

kiosk wall-01 wall invite zh night
shot attract-wall-night
tap "点我说两句"; shot home-night
tap "提意见"; shot topics-night
tap "首页"; key 4; shot press-thanks-night

kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true; kiosk_pid=
if grep -E "Error in Fyne call thread|panic:" "$out"/*.log; then
	echo "shots: errors in a kiosk's log" >&2
	exit 1
fi
echo "shots: $(find "$out" -maxdepth 1 -name "*.png" | wc -l) screenshots in $out"
