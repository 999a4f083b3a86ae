#!/usr/bin/env bash
# Checks the systemd units with systemd-analyze verify. The programs they start are not installed
# on this machine, so a copy of each unit points at bin/ (make build) and at /bin/true for cage.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$PWD/bin
for unit in deploy/systemd/*.service; do
	sed -e "s|/opt/opinionwall/kiosk|$bin/kiosk|g" -e "s|/usr/local/bin/hub|$bin/hub|g" \
		-e "s|/usr/bin/cage --|/bin/true|g" "$unit" >"$tmp/$(basename "$unit")"
done
status=0
for unit in "$tmp"/*.service; do
	if out=$(systemd-analyze verify "$unit" 2>&1) && [ -z "$out" ]; then
		echo "systemd-analyze verify $(basename "$unit"): ok"
	else
		echo "systemd-analyze verify $(basename "$unit"):" >&2
		echo "$out" >&2
		status=1
	fi
done
exit $status
