#!/usr/bin/env bash
# Soak of the real kiosk window: the kiosk binary under Xvfb, driven with
# xdotool through VISITS clicked rating visits (attract → home → 评服务 →
# 网格员 → 很满意 → 确认提交 → 完成), the resident set sampled every
# 50 visits; growth is reported from the end of the first 10% (warm-up).
# The test driver's soak is TestSoak (display); this one has the real
# renderer and its caches. Needs `make build`.
#
#	deploy/soak-window.sh [VISITS]     (SOAK_DISPLAY=N picks the X display)
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000}
disp=:${SOAK_DISPLAY:-95}
work=$(mktemp -d)
trap 'kill $kiosk_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

targets=$work/targets
OW_WINDOWED=1 OW_TARGETS_FILE=$targets bin/kiosk run -config deploy/demo/kiosk.toml -data "$work/data" > "$work/kiosk.log" 2>&1 &
kiosk_pid=$!

# wait_for LABEL: until a button with that label is on screen.
wait_for() {
	for _ in $(seq 200); do
		[ -f "$targets" ] && grep -q "^$1	" "$targets" && return 0
		sleep 0.05
	done
	echo "soak: no \"$1\" on screen; buttons were:" >&2
	cut -f1 "$targets" >&2 || true
	exit 1
}
win=
# tap LABEL: click the centre of that button.
tap() {
	wait_for "$1"
	read -r x y < <(awk -F'\t' -v l="$1" '$1 == l {print $2, $3; exit}' "$targets")
	[ -n "$win" ] || win=$(xdotool search --name "Opinion Wall" | head -1)
	xdotool mousemove --window "$win" "$x" "$y" click 1
	sleep 0.15
}
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$kiosk_pid/status"; }

wait_for "点我说两句"
warm=$((visits / 10))
start=$(date +%s)
for i in $(seq "$visits"); do
	grep -q "^评服务	" "$targets" || tap "点我说两句"
	tap "评服务"; tap "网格员"; tap "很满意"; tap "确认提交"; tap "完成"
	sleep 0.2
	if [ $((i % 50)) -eq 0 ]; then echo "visit $i: RSS $(rss) MiB"; fi
	if [ "$i" -eq "$warm" ]; then rss0=$(rss); fi
done
rss1=$(rss)
stored=$(sqlite3 -readonly "$work/data/kiosk.db" "SELECT count(*) FROM submissions WHERE kind = 'rating'")
if grep -E "Error in Fyne call thread|panic:" "$work/kiosk.log"; then
	echo "soak: errors in the kiosk's log" >&2
	exit 1
fi
echo "soak of the real window: $visits clicked visits in $(($(date +%s) - start)) s, $stored ratings stored;" \
	"RSS after warm-up ($warm visits) ${rss0} MiB, at the end ${rss1} MiB: $((rss1 - rss0)) MiB over $((visits - warm)) visits"
[ "$stored" -eq "$visits" ] || { echo "soak: $stored ratings stored for $visits visits" >&2; exit 1; }
