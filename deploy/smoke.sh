#!/usr/bin/env bash
# Smoke test of the real kiosk window: the kiosk binary under Xvfb, driven
# with xdotool through one opinion (attract → home → topic → location →
# words → contact → review → submitted), a screenshot of every screen in
# build/smoke/, the store checked for the submission, and the log for
# "Error in Fyne call thread" and panics. The kiosk writes where its
# buttons are (OW_TARGETS_FILE), so the script clicks by label. On the
# keyboard it types 垃圾电梯坏了 by word picks and, when the Zinnia model is
# installed, writes 大 on the handwriting pad with mouse drags and picks it,
# then 水 in the standard stroke order (the standard-order model's part).
# SMOKE_WINDOWED=800x480 tries another panel; SMOKE_LARGE=1 runs in 长辈模式
# (on 800x480 the keyboard is then the keypad, 九宫格); SMOKE_OUT another folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${SMOKE_OUT:-build/smoke}
rm -rf "$out" && mkdir -p "$out"
disp=:${SMOKE_DISPLAY:-97}
work=$(mktemp -d)
trap 'kill $kiosk_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

targets=$work/targets
start=$(date +%s.%N)
OW_WINDOWED=${SMOKE_WINDOWED:-1} OW_TARGETS_FILE=$targets bin/kiosk run -config deploy/demo/kiosk.toml -data "$work/data" > "$out/kiosk.log" 2>&1 &
kiosk_pid=$!

# wait_for LABEL: until a button with that label is on screen.
wait_for() {
	for _ in $(seq 100); do
		[ -f "$targets" ] && grep -q "^$1	" "$targets" && return 0
		sleep 0.05
	done
	echo "smoke: no \"$1\" on screen; buttons were:" >&2
	cut -f1 "$targets" >&2 || true
	exit 1
}

n=0
shot() { n=$((n + 1)); sleep 0.3; import -window root "$out/$(printf %02d "$n")-$1.png"; }

# tap LABEL: click the centre of that button.
tap() {
	wait_for "$1"
	read -r x y < <(awk -F'\t' -v l="$1" '$1 == l {print $2, $3; exit}' "$targets")
	win=$(xdotool search --name "Opinion Wall" | head -1)
	: > "$targets.seen"
	xdotool mousemove --window "$win" "$x" "$y" click 1
	sleep 0.25
}

# draw X0 Y0 X1 Y1 …: one stroke through points of the handwriting square
# (0–100 across and down), as a finger drag: press, move in small steps,
# release.
draw() {
	wait_for square
	read -r cx cy w h < <(awk -F'\t' '$1 == "square" {print $2, $3, $4, $5; exit}' "$targets")
	win=$(xdotool search --name "Opinion Wall" | head -1)
	local px=$1 py=$2
	xdotool mousemove --window "$win" $((cx - w / 2 + px * w / 100)) $((cy - h / 2 + py * h / 100)) mousedown 1
	shift 2
	while [ $# -ge 2 ]; do
		for i in 1 2 3 4 5 6 7 8; do
			xdotool mousemove --window "$win" $((cx - w / 2 + (px + ($1 - px) * i / 8) * w / 100)) $((cy - h / 2 + (py + ($2 - py) * i / 8) * h / 100))
			sleep 0.01
		done
		px=$1 py=$2
		shift 2
	done
	xdotool mouseup 1
	sleep 0.3
}

wait_for "点我说两句"
echo "time to first frame: $(echo "$(date +%s.%N) - $start" | bc) s" | tee "$out/first-frame.txt"
shot attract
tap "点我说两句"; wait_for "提意见"
[ -n "${SMOKE_LARGE:-}" ] && tap "长辈模式"
shot home
tap "提意见"; wait_for "环境卫生"; shot topic
tap "环境卫生"; wait_for "不涉及具体地点"; shot location
tap "大和路"; wait_for "3"; shot location-pad
tap "3"; tap "下一步"; wait_for "有异味"; shot words
# word PINYIN INITIALS WORD: type a word and pick it. On the full keyboard
# by its initials; on the keypad of 长辈模式 on a small panel (九宫格) by its
# whole pinyin on the keys with the letters, turning the candidates' pages
# (→) to it.
word() {
	local i l
	if grep -q "^PQRS	" "$targets"; then
		for ((i = 0; i < ${#1}; i++)); do
			l=${1:i:1}
			case $l in
			[abc]) tap ABC ;; [def]) tap DEF ;; [ghi]) tap GHI ;; [jkl]) tap JKL ;;
			[mno]) tap MNO ;; [pqrs]) tap PQRS ;; [tuv]) tap TUV ;; [wxyz]) tap WXYZ ;;
			esac
		done
		for _ in $(seq 20); do grep -q "^$3	" "$targets" && break; tap "→"; done
	else
		for ((i = 0; i < ${#2}; i++)); do tap "${2:i:1}"; done
	fi
	wait_for "$3"
}
tap "有异味"; tap "写几句"; shot keyboard-open
word laji lj 垃圾; shot keyboard
tap "垃圾"; word dianti dt 电梯; tap "电梯"; word huaile hl 坏了; shot keyboard-words
tap "坏了"; shot keyboard-associations
tap "手写"; wait_for "重写"; shot handwriting
if [ -f /usr/share/tegaki/models/zinnia/handwriting-zh_CN.model ]; then # the demo's kiosk.handwriting_model
	draw 10 35 90 35; draw 50 10 45 50 10 90; draw 50 50 70 75 90 90
	wait_for "大"; shot handwriting-written
	tap "大"; shot handwriting-picked
	# 水 in the standard order (亅, ㇇, then the two on the right), which Tegaki's model alone misses:
	# the standard-order model (the demo's kiosk.handwriting_standard_model) proposes it
	if [ -f /usr/share/opinionwall/handwriting-zh_CN-standard-order.model ]; then
		draw 50 10 50 88 42 82; draw 15 35 40 35 10 75; draw 80 25 55 50; draw 55 45 90 88
		wait_for "水"; shot handwriting-water
		tap "水"; shot handwriting-water-picked
	fi
else
	echo "smoke: no handwriting model installed: the pad says so"
fi
tap "写好了"; wait_for "下一步"; shot words-written
tap "下一步"; wait_for "不留电话"; shot contact
tap "不留电话"; wait_for "确认提交"; shot review
tap "确认提交"; wait_for "完成"; shot submitted

kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true
if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[" "$out/kiosk.log"; then
	echo "smoke: errors in the kiosk's log" >&2
	exit 1
fi
status=$(bin/kiosk status -data "$work/data")
echo "$status" > "$out/status.txt"
grep -q "^pending        1$" <<<"$status" || { echo "smoke: the submission is not in the store:" >&2; echo "$status" >&2; exit 1; }
echo "smoke: ok, $n screenshots in $out"
