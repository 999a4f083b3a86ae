#!/usr/bin/env bash
# Makes the station's certificate authority, the broker's certificate and a client certificate
# for each kiosk, with openssl.
#
#   deploy/mosquitto/make-certs.sh DIR STATION-HOST [KIOSK-ID ...]
#
# DIR/ca.crt, DIR/ca.key       the CA (keep ca.key off the network once the kiosks are made)
# DIR/server.crt, server.key   for mosquitto; valid for STATION-HOST (a name or an IP) and localhost
# DIR/kiosks/ID.crt, ID.key    for each kiosk; CN is the kiosk id
#
# Existing files are kept, so it can be run again to add kiosks.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 DIR STATION-HOST [KIOSK-ID ...]" >&2
	exit 2
fi
dir=$1
host=$2
shift 2
days=3650
mkdir -p "$dir/kiosks"
umask 077

if [ ! -f "$dir/ca.key" ]; then
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
		-subj "/CN=Opinion Wall station CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
	echo "made $dir/ca.crt"
fi

# sign NAME CN SAN EXTKEYUSAGE: a key and a certificate signed by the CA
sign() {
	local name=$1 cn=$2 san=$3 usage=$4 ext
	[ -f "$name.crt" ] && return 0
	ext=$(mktemp)
	printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyAgreement\nextendedKeyUsage=%s\n' "$usage" >"$ext"
	if [ -n "$san" ]; then
		printf 'subjectAltName=%s\n' "$san" >>"$ext"
	fi
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$cn" \
		-keyout "$name.key" -out "$name.csr" 2>/dev/null
	openssl x509 -req -in "$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
		-days "$days" -extfile "$ext" -out "$name.crt" 2>/dev/null
	rm -f "$name.csr" "$ext"
	echo "made $name.crt"
}

san="DNS:localhost,IP:127.0.0.1"
if [[ $host =~ ^[0-9.]+$ ]]; then
	[ "$host" = 127.0.0.1 ] || san="IP:$host,$san"
else
	san="DNS:$host,$san"
fi
sign "$dir/server" "$host" "$san" serverAuth

for id in "$@"; do
	if ! [[ $id =~ ^[a-z0-9][a-z0-9-]{0,31}$ ]]; then
		echo "make-certs: $id is not a kiosk id (lower-case letters, digits and -)" >&2
		exit 2
	fi
	sign "$dir/kiosks/$id" "$id" "" clientAuth
done
