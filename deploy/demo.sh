#!/usr/bin/env bash
# make demo: a station hub with its embedded broker, and a simulated kiosk
# driven by a scripted resident, relaying over MQTT to the hub. Everything
# real: SQLite files, the broker, signed acks. Data in demo-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Fyne reads the locale at start and complains about "C"; the station's is Chinese.
export LANG=zh_CN.UTF-8 LC_ALL=

port=${DEMO_PORT:-18830}
tlsport=${DEMO_TLS_PORT:-18831}
d=demo-data
rm -rf "$d"  # a fresh start each run, so ticket codes read the same
mkdir -p "$d"

echo "== station set-up: signing key, broker password for the kiosk"
bin/hub keygen -dir "$d/keys" -name hub
# the operations key, as on its USB stick: the review app's 语音包 tab signs voice packs with it;
# the fake sound card's microphone says the welcome (in espeak-ng's voice) whenever 录音 is pressed
bin/hub keygen -dir "$d/usb" -name ops >/dev/null
mkdir -p "$d/voicepack" && espeak-ng -v cmn -w "$d/voicepack/mic.wav" "您好，这里是社区电话亭。"
head -c 18 /dev/urandom | base64 > "$d/kiosk.pass"
bin/hub passwd -file "$d/passwd" demo-wall-01 < "$d/kiosk.pass"
echo "== the station's CA, the broker's certificate and the kiosk's (the kiosk connects over TLS, as in the field)"
bin/hub ca init -ca "$d/tls" -host 127.0.0.1 >/dev/null
bin/hub ca issue -ca "$d/tls" demo-wall-01 >/dev/null
tls=(-tls-ca "$d/tls/ca.crt" -tls-cert "$d/tls/kiosks/demo-wall-01.crt" -tls-key "$d/tls/kiosks/demo-wall-01.key")
bin/kiosk check-config -config deploy/demo/kiosk.toml
echo "== station workers for the review app (PIN 246813 each): a lead and a grid worker who looks after 3栋 and 12栋"
echo 246813 | bin/hub worker add -data "$d/hub" -id zhang -name 张丽 -role lead >/dev/null
echo 246813 | bin/hub worker add -data "$d/hub" -id wang -name 王刚 -role worker -buildings 3栋,12栋 >/dev/null
bin/hub worker list -data "$d/hub"

echo
window=-headless
if [ -n "${DISPLAY:-}" ]; then
	window=  # the review app's window opens on $DISPLAY
fi
echo "== hub: embedded broker on 127.0.0.1:$port (plain, loopback) and 127.0.0.1:$tlsport (TLS, client certificates), store in $d/hub (log: $d/hub.log), the review app's local API on $d/desk.sock (bin/hub app -socket $d/desk.sock)${DISPLAY:+; the review app opens: log in as 张丽, PIN 246813}"
bin/hub run $window -data "$d/hub" -export-dir "$d/export" -credentials "$d/passwd" -key "$d/keys/hub.key" \
	-listen "127.0.0.1:$port" -tls-listen "127.0.0.1:$tlsport" -tls-cert "$d/tls/server.crt" -tls-key "$d/tls/server.key" \
	-tls-ca "$d/tls/ca.crt" -tls-crl "$d/tls/ca.crl" -desk-socket "$d/desk.sock" \
	-ops-pub "$d/usb/ops.pub" -audio-device fake -voicepack-dir "$d/voicepack" -ops-key "$d/usb/ops.key" > "$d/hub.log" 2>&1 &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true; wait $hub_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
	(exec 3<>"/dev/tcp/127.0.0.1/$tlsport") 2>/dev/null && break
	sleep 0.1
done

echo
echo "== kiosk demo-wall-01: residents at the kiosk (deploy/demo/resident.script), relaying to the hub"
bin/kiosk run -config deploy/demo/kiosk.toml -data "$d/kiosk" -script deploy/demo/resident.script -once \
	-broker "ssl://127.0.0.1:$tlsport" "${tls[@]}" -password-file "$d/kiosk.pass" -trust "$d/keys" -drain-wait 20s 2> "$d/kiosk.log"

echo
echo "== kiosk status: the kiosk's local store (acked = confirmed committed at the hub)"
bin/kiosk status -data "$d/kiosk"
echo
echo "== hub fleet"
bin/hub fleet -data "$d/hub"
echo
echo "== hub export -format csv (UTF-8 with BOM, opens in Excel)"
bin/hub export -data "$d/hub" -format csv -o "$d/export.csv"
cut -d, -f2,4,5,9,13 "$d/export.csv"
echo
echo "== the station's work ledger (工作台账): every case, its status and class (also as Excel: -format xlsx)"
sleep 2.5 # cases are made just after the ingest's transactions
bin/hub ledger -data "$d/hub" -format csv 2>/dev/null | cut -d, -f1,2,4,5,7,9
echo
if [ -n "${DISPLAY:-}" ]; then
	echo "== the kiosk's screens: a window on $DISPLAY, relaying to the hub (close it to end the demo)"
	echo "   in the review app (the other window), triage a case, reply and publish it: the kiosk shows it on its wall"
	echo "   keys 1-4 are the rating buttons, h the handset, m motion; the corner, tapped 5 times, opens the admin screen (PIN 480731)"
	OW_WINDOWED=1 bin/kiosk run -config deploy/demo/kiosk.toml -data "$d/kiosk" -hardware sim \
		-broker "ssl://127.0.0.1:$tlsport" "${tls[@]}" -password-file "$d/kiosk.pass" -trust "$d/keys" 2>> "$d/kiosk.log" || true
	echo
	bin/hub fleet -data "$d/hub"
else
	echo "No display (\$DISPLAY is empty): the kiosk's window is not shown. On a desktop, make demo opens it."
	echo "To play a resident here, start the hub as above and run:"
	echo "  bin/kiosk run -config deploy/demo/kiosk.toml -data $d/kiosk -script - -broker ssl://127.0.0.1:$tlsport ${tls[*]} -password-file $d/kiosk.pass -trust $d/keys"
fi
