#!/usr/bin/env bash
# Smoke test of the real kiosk window: the kiosk binary under Xvfb, driven
# with xdotool through one opinion (attract → home → topic → location →
# words → contact → review → submitted), a screenshot of every screen in
# build/smoke/, the store checked for the submission, and the log for
# "Error in Fyne call thread" and panics. The kiosk writes where its
# buttons are (OW_TARGETS_FILE), so the script clicks by label.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/smoke
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
OW_WINDOWED=1 OW_TARGETS_FILE=$targets bin/kiosk run -config deploy/demo/kiosk.toml -data "$work/data" > "$out/kiosk.log" 2>&1 &
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

wait_for "点我说两句"
echo "time to first frame: $(echo "$(date +%s.%N) - $start" | bc) s" | tee "$out/first-frame.txt"
shot attract
tap "点我说两句"; wait_for "提意见"; shot home
tap "提意见"; wait_for "环境卫生"; shot topic
tap "环境卫生"; wait_for "不涉及具体地点"; shot location
tap "大和路"; wait_for "3"; shot location-pad
tap "3"; tap "下一步"; wait_for "有异味"; shot words
tap "有异味"; tap "写几句"; tap "l"; tap "a"; shot keyboard
tap "垃"; tap "j"; tap "i"; tap "圾"; tap "写好了"; wait_for "下一步"; shot words-written
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
