#!/usr/bin/env bash
# Smoke test of the handwriting pad in a real window: bin/handpad (the pad
# alone, with Zinnia and Debian's Tegaki model) under Xvfb; xdotool writes
# 大 with three mouse drags (button down, moves, button up: how the desktop
# driver delivers a finger), the log must show three strokes recognised
# with 大 among the candidates, then 大 is picked. Every mode: normal,
# 大字, English, English + 大字, and an 800×480 screen; and the notice
# when the model is missing. Screenshots in build/smoke-handpad/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/smoke-handpad
rm -rf "$out" && mkdir -p "$out"
disp=:${SMOKE_DISPLAY:-95}
work=$(mktemp -d)
pad_pid=
trap 'kill $pad_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o bin/ ./cmd/handpad
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# 大 in the unit square (hundredths), one stroke a line, as written: 横, 撇, 捺.
strokes="10,35 90,35
50,10 45,50 10,90
50,50 70,75 90,90"

targets=$work/targets
wait_for() { # wait_for PATTERN FILE
	for _ in $(seq 100); do
		[ -f "$2" ] && grep -q "$1" "$2" && return 0
		sleep 0.05
	done
	echo "smoke-handpad: no \"$1\" in $2:" >&2
	cat "$2" >&2 || true
	exit 1
}

# write: drag each stroke across the square, 12 moves a segment.
write() {
	read -r _ sx sy sw sh < <(grep '^square' "$targets")
	win=$(xdotool search --name handpad | head -1)
	while read -r line; do
		read -ra pts <<<"$line"
		first=1
		prev=
		for pt in "${pts[@]}"; do
			x=$((sx + sw * ${pt%,*} / 100)) y=$((sy + sh * ${pt#*,} / 100))
			if [ $first = 1 ]; then
				xdotool mousemove --window "$win" "$x" "$y" mousedown 1
				first=0
			else
				read -r px py <<<"$prev"
				for i in $(seq 1 12); do
					xdotool mousemove --window "$win" $((px + (x - px) * i / 12)) $((py + (y - py) * i / 12))
				done
			fi
			prev="$x $y"
		done
		xdotool mouseup 1
		sleep 0.4
	done <<<"$strokes"
}

# tap LABEL: click the centre of that button.
tap() {
	wait_for "^$1	" "$targets"
	read -r x y < <(awk -F'\t' -v l="$1" '$1 == l {print $2, $3; exit}' "$targets")
	xdotool mousemove --window "$(xdotool search --name handpad | head -1)" "$x" "$y" click 1
	sleep 0.3
}

# mode NAME ARGS...: one run of the pad; writes 大, checks, picks it.
mode() {
	name=$1
	shift
	rm -f "$targets"
	bin/handpad -targets "$targets" "$@" >"$out/$name.log" 2>&1 &
	pad_pid=$!
	wait_for '^square' "$targets"
	sleep 0.5
	import -window root "$out/$name-1-empty.png"
	write
	wait_for 'recognised strokes=3' "$out/$name.log"
	wait_for '^handpad: shown .*大' "$out/$name.log"
	sleep 0.3
	import -window root "$out/$name-2-written.png"
	tap 大
	wait_for '^handpad: commit 大' "$out/$name.log"
	import -window root "$out/$name-3-picked.png"
	kill $pad_pid
	wait $pad_pid 2>/dev/null || true
	pad_pid=
	if grep -q 'Error in Fyne call thread\|panic' "$out/$name.log"; then
		echo "smoke-handpad: $name: errors in the log" >&2
		exit 1
	fi
	echo "smoke-handpad: $name: $(grep -c '^handpad: recognised' "$out/$name.log") recognitions, $(grep 'recognised strokes=3' "$out/$name.log" | head -1)"
}

mode zh
mode zh-large -large
mode en -lang en
mode en-large -lang en -large
mode zh-800x480 -width 800 -height 480 -side 260

# No model: the notice, and no strokes taken; in Chinese and in English + 大字.
nomodel() {
	name=$1
	shift
	rm -f "$targets"
	bin/handpad -targets "$targets" -model "$work/none.model" "$@" >"$out/$name.log" 2>&1 &
	pad_pid=$!
	wait_for '^square' "$targets"
	sleep 0.5
	write
	import -window root "$out/$name.png"
	kill $pad_pid
	wait $pad_pid 2>/dev/null || true
	pad_pid=
	if grep -q 'recognised' "$out/$name.log"; then
		echo "smoke-handpad: $name: recognised without a model" >&2
		exit 1
	fi
}
nomodel nomodel-zh
nomodel nomodel-en-large -lang en -large
echo "smoke-handpad: screenshots in $out"
