#!/usr/bin/env bash
# Builds the handwriting pad's standard-order model (make handwriting-model), the supplement to
# Tegaki's simplified-Chinese model for the characters Tegaki misses when they are written in the
# stroke order taught in school (see display/handwriting/internal/genmodel):
#
#   1. hanzi-writer-data (npm, pinned, checked against its integrity hash): Make Me a Hanzi's stroke
#      medians in the standard order, Arphic Public License;
#   2. genmodel finds the targets with the installed Tegaki model and writes the samples;
#   3. zinnia_learn (Debian zinnia-utils) trains them; the negatives' "_" class is dropped;
#   4. zinnia_convert writes the binary model into deploy/handwriting/, beside the licence and the
#      list of its characters. The result is committed: training takes minutes of CPU, too long
#      for make deps on every machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=2.0.1
integrity=sha512-nbQwM+MaryGoq7pBMIZLCd3lFq03nXuJuwku1+6UbjL58uU+9OULVcMkoNvNuJSoIV7f1bbPRfD4D/LQa5S7qg==
work=build/handwriting
out=deploy/handwriting
tgz=$work/hanzi-writer-data-$version.tgz
mkdir -p "$work"

if [ ! -f "$tgz" ]; then
	if command -v npm >/dev/null 2>&1; then
		(cd "$work" && npm pack --silent "hanzi-writer-data@$version" >/dev/null)
	else
		curl -fsSL -o "$tgz" "https://registry.npmjs.org/hanzi-writer-data/-/hanzi-writer-data-$version.tgz"
	fi
fi
got=sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
if [ "$got" != "$integrity" ]; then
	echo "handwriting-model: $tgz is not hanzi-writer-data $version (integrity $got)" >&2
	exit 1
fi
rm -rf "$work/data" && mkdir -p "$work/data"
tar -xzf "$tgz" -C "$work/data"

go run ./display/handwriting/internal/genmodel -data "$work/data/package" -o "$work/train.s" -targets "$work/targets.txt"
zinnia_learn "$work/train.s" "$work/standard.model" >"$work/learn.log"
grep -v '^_ ' "$work/standard.model.txt" >"$work/standard-only.txt"
zinnia_convert "$work/standard-only.txt" "$out/handwriting-zh_CN-standard-order.model"
cp "$work/targets.txt" "$out/standard-order-characters.txt"
cp "$work/data/package/ARPHICPL.TXT" "$out/ARPHICPL.TXT"
echo "handwriting-model: $(wc -l <"$work/standard-only.txt") characters in $out/handwriting-zh_CN-standard-order.model"
