#!/usr/bin/env bash
# Smoke test of the station's review app: `hub app` with its window under
# Xvfb at 1366×768 (the most common office screen), a client of `hub run
# -headless` over its local API (-desk-socket), on a store seeded with 3,000
# submissions (hub seed) that only the service opens. The app tours its own
# screens (OW_SMOKE_TOUR), in Chinese and then in English: log-in, inbox, a case,
# closing it (the confirmation), the reply templates, polls, statistics, fleet, the
# monthly report, deliberation (议事), the targets and the referral services (a lead's
# settings, unfolded), and two of the booth's voice messages (one with a worker's summary, one
# waiting for it: the waveform and the player), and the 语音包 screen (the fake sound card's
# microphone saying the welcome in espeak-ng's voice: recording with its level meter, the
# take, kept, signed with the ops key and sent through the service); at each, this script screenshots the real window into
# build/smoke-hub/LANG/ and checks the picture is not blank; the report's page and
# workbook are copied there too. The log is checked for "Error in Fyne call
# thread" and panics.
set -euo pipefail
cd "$(dirname "$0")/.."
# Fyne reads the locale at start and complains about "C"; the station's is Chinese.
export LANG=zh_CN.UTF-8 LC_ALL=
out=build/smoke-hub
rm -rf "$out" && mkdir -p "$out"
disp=:${SMOKE_DISPLAY:-96}
port=${SMOKE_PORT:-18839}
work=$(mktemp -d)
hub_pid=
service_pid=
trap 'kill $hub_pid $service_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

bin/hub seed -data "$work/hub" -n 3000 -days 120 -voice 3 2>/dev/null | tee "$out/seed.txt"
bin/hub keygen -dir "$work/keys" -name hub >/dev/null
# the operations key: its public half with the service, the key on "the USB stick"
bin/hub keygen -dir "$work/usb" -name ops >/dev/null
echo "smoke-pass" | bin/hub passwd -file "$work/passwd" wall-01 >/dev/null
# As at a station: the hub as a service (headless), and the review app on the desktop beside it,
# a client of the service's local API: only the service opens the store.
bin/hub run -headless -data "$work/hub" -credentials "$work/passwd" -key "$work/keys/hub.key" \
	-listen "127.0.0.1:$port" -desk-socket "$work/desk.sock" -ops-pub "$work/usb/ops.pub" > "$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 100); do [ -S "$work/desk.sock" ] && break; sleep 0.1; done
steps="01-login 02-inbox 03-case 04-case-close 05-templates 06-polls 07-stats 08-fleet 09-report 10-items 11-targets 12-referrals 13-voice 14-voice-untold 15-voicepack 16-voicepack-recording 17-voicepack-taken 18-voicepack-kept 19-voicepack-sent"
for lang in zh en; do
	mkdir -p "$out/$lang" "$work/tour-$lang" "$work/vp-$lang"
	espeak-ng -v cmn -w "$work/vp-$lang/mic.wav" "您好，这里是社区电话亭。"
	OW_SMOKE_TOUR=$work/tour-$lang OW_SMOKE_LOGIN=zhang:246813 bin/hub app -socket "$work/desk.sock" -lang "$lang" \
		-export-dir "$out/$lang/export" -audio-device fake -voicepack-dir "$work/vp-$lang" -ops-key "$work/usb/ops.key" \
		> "$out/hub-$lang.log" 2>&1 &
	hub_pid=$!
	for step in $steps; do
		for _ in $(seq 300); do [ -f "$work/tour-$lang/$step.ready" ] && break; sleep 0.1; done
		[ -f "$work/tour-$lang/$step.ready" ] || { echo "smoke-hub: the app ($lang) never reached $step" >&2; tail -20 "$out/hub-$lang.log" >&2; exit 1; }
		sleep 0.8 # let the frame reach the screen
		import -window root "$out/$lang/$step.png"
		colours=$(identify -format %k "$out/$lang/$step.png")
		if [ "$colours" -lt 16 ]; then
			echo "smoke-hub: $lang $step looks blank ($colours colours)" >&2
			exit 1
		fi
		touch "$work/tour-$lang/$step.done"
	done
	sleep 0.5
	kill "$hub_pid"; wait "$hub_pid" 2>/dev/null || true
	ls "$out/$lang/export/"*.png "$out/$lang/export/"*.xlsx >/dev/null || { echo "smoke-hub: no monthly report ($lang)" >&2; exit 1; }
	grep -q "review app open" "$out/hub-$lang.log" || { echo "smoke-hub: the window never opened ($lang)" >&2; exit 1; }
done

kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[|level=ERROR" "$out"/hub-*.log "$out/service.log"; then
	echo "smoke-hub: errors in the hub's log" >&2
	exit 1
fi
grep -q "voice pack sent" "$out/service.log" || { echo "smoke-hub: the service sent no voice pack" >&2; exit 1; }
echo "smoke-hub: ok, 38 screenshots and 2 monthly reports in $out/zh and $out/en"
