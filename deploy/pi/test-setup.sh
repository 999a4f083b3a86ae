#!/usr/bin/env bash
# Runs setup-kiosk.sh twice into a scratch root (files only: no packages, users or services) and
# checks the second run changes nothing and leaves every file as the first made it.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ROOT=$tmp OW_SETUP_NO_SYSTEM=1
first=$(./setup-kiosk.sh)
sum1=$(cd "$tmp" && find . -printf '%p %m\n' | sort && find . -type f -exec sha256sum {} + | sort)
second=$(./setup-kiosk.sh)
sum2=$(cd "$tmp" && find . -printf '%p %m\n' | sort && find . -type f -exec sha256sum {} + | sort)
if [ "$(echo "$first" | tail -1)" = "setup-kiosk: 0 changes" ]; then
	echo "setup test: the first run changed nothing" >&2
	exit 1
fi
if [ "$second" != "setup-kiosk: 0 changes" ] || [ "$sum1" != "$sum2" ]; then
	echo "setup test: the second run was not a no-op:" >&2
	echo "$second" >&2
	exit 1
fi
test -f "$tmp/etc/systemd/system/opinionwall-kiosk.service"
cmp ../handwriting/handwriting-zh_CN-standard-order.model "$tmp/usr/share/opinionwall/handwriting-zh_CN-standard-order.model"
echo "setup-kiosk.sh: $(echo "$first" | tail -1) on the first run, 0 on the second"
