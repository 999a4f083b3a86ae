#!/usr/bin/env bash
# Smoke test of the phone booth in its real window: the kiosk binary under
# Xvfb as a booth (deploy/demo/booth.toml) on the fake sound card, the
# handset lifted and every flow driven by keys typed into the window (the
# simulation's keys: h the handset, 1-4 the rating buttons, 5-9 0 * # the
# keypad), a screenshot of each step in build/smoke-booth/ (normal, 长辈,
# English), the prompts played checked as WAV files, and the log checked for
# "Error in Fyne call thread" and panics. SMOKE_DISPLAY picks the display.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/smoke-booth
rm -rf "$out" && mkdir -p "$out"
disp=:${SMOKE_DISPLAY:-96}
work=$(mktemp -d)
trap 'kill $kiosk_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

data=$work/data
mkdir -p "$data/audio-fake"
bin/kiosk voicepack render -config deploy/demo/booth.toml -data "$data"
# The caller's words, for the voice message.
espeak-ng -v cmn --stdout "楼下的路灯坏了三天了，晚上很黑，请尽快修一下。" > "$data/audio-fake/mic.wav"

targets=$work/targets
OW_WINDOWED=1 OW_TARGETS_FILE=$targets bin/kiosk run -config deploy/demo/booth.toml -data "$data" -hardware sim > "$out/kiosk.log" 2>&1 &
kiosk_pid=$!

wait_for() {
	for _ in $(seq 200); do
		[ -f "$targets" ] && grep -q "^$1	" "$targets" && return 0
		sleep 0.05
	done
	echo "smoke-booth: no \"$1\" on screen; buttons were:" >&2
	cut -f1 "$targets" >&2 || true
	exit 1
}
win() { xdotool search --name "Opinion Wall" | head -1; }
n=0
shot() { n=$((n + 1)); sleep 0.4; import -window root "$out/$(printf %02d "$n")-$1.png"; }
key() { xdotool type --window "$(win)" "$1"; sleep 0.3; }
tap() {
	wait_for "$1"
	read -r x y < <(awk -F'\t' -v l="$1" '$1 == l {print $2, $3; exit}' "$targets")
	xdotool mousemove --window "$(win)" "$x" "$y" click 1
	sleep 0.3
}

for _ in $(seq 200); do [ -s "$targets" ] && break; sleep 0.05; done
for _ in $(seq 100); do win >/dev/null && break; sleep 0.1; done
shot attract
key h                         # the handset is lifted: the call is in 长辈模式
wait_for "1 评价服务"
shot menu-elder
key 1                         # the rating button 1 is key 1 off the hook
wait_for "* 返回"
shot rate-elder
key 3
shot thanks-elder
wait_for "1 评价服务"
key 2                         # the wall: empty on a new booth
shot wall-empty-elder
wait_for "1 评价服务"
key 3
wait_for "#"
for d in 1 3 0 0 0 0 0 1 5; do key "$d"; done
shot code-elder
wait_for "# 对，查询"
shot confirm-elder
key '#'
shot lookup-answer-elder
wait_for "1 评价服务"
key 4                         # a voice message: the prompt, the beep, then the fake microphone speaks
sleep 6
shot voice-recording-elder
key '#'                       # said: kept, and its receipt code read out twice
sleep 1.5
shot voice-saved-elder
for _ in $(seq 60); do grep -q "^1 评价服务	" "$targets" && break; sleep 0.5; done
wait_for "1 评价服务"
tap "✓ 长辈模式"              # normal size
wait_for "长辈模式"
shot menu
key 1
wait_for "* 返回"
shot rate
key '*'
wait_for "English"
tap "English"
wait_for "1 Rate a service"
shot menu-english
key h                         # hung up: the screen is the attract screen again
wait_for "点我说两句"
shot hung-up

# The message is in the kiosk's store with its audio, waiting for the station.
bin/kiosk status -data "$data" > "$out/status.txt" 2>&1 || true
grep -q "^voice waiting  1 " "$out/status.txt" || { echo "smoke-booth: no voice message stored:" >&2; cat "$out/status.txt" >&2; exit 1; }
plays=$(find "$data/audio-fake" -name 'play-*.wav' | wc -l)
echo "smoke-booth: $plays clips played; screenshots in $out"
[ "$plays" -ge 10 ] || { echo "smoke-booth: only $plays clips played" >&2; exit 1; }
if grep -E "Error in Fyne call thread|panic:" "$out/kiosk.log"; then
	echo "smoke-booth: errors in the log" >&2
	exit 1
fi
bin/kiosk status -data "$data" | tee "$out/status.txt"
