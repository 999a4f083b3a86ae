#!/usr/bin/env bash
# make demo: a simulated kiosk on a real local store, driven by a scripted
# resident, then the store's state as maintenance staff would read it.
set -euo pipefail
cd "$(dirname "$0")/.."

data=demo-data/kiosk
rm -rf "$data"  # a fresh store each run, so ticket codes read the same
mkdir -p "$data"
echo "== Opinion Wall demo: kiosk demo-wall-01, store in $data/kiosk.db"
echo "== (the relay to the station, the hub and the touch screens come with their issues)"
echo
bin/kiosk check-config -config deploy/demo/kiosk.toml
echo
echo "== residents at the kiosk (deploy/demo/resident.script)"
bin/kiosk run -config deploy/demo/kiosk.toml -data "$data" -script deploy/demo/resident.script -once
echo
echo "== kiosk status: the local store"
bin/kiosk status -data "$data"
echo
echo "Act as a resident yourself (one action a line, Ctrl-D to stop):"
echo "  bin/kiosk run -config deploy/demo/kiosk.toml -data $data"
