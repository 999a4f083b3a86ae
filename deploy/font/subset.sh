#!/usr/bin/env bash
# Cuts the kiosk's bundled font: Noto Sans CJK SC (SIL Open Font License
# 1.1) from Debian's fonts-noto-cjk, reduced to GB2312 and ASCII, regular
# and bold, as OpenType files Fyne can load (never the .ttc itself).
# Needs fonts-noto-cjk and fonttools (make deps installs both).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=/usr/share/fonts/opentype/noto
out=internal/assets
mkdir -p "$out"
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
go run deploy/font/gb2312chars.go > "$chars"
# Font number 2 in the collection is Simplified Chinese (SC).
for weight in Regular Bold; do
	pyftsubset "$src/NotoSansCJK-$weight.ttc" --font-number=2 --text-file="$chars" \
		--layout-features='*' --no-hinting --desubroutinize --name-IDs='*' \
		--output-file="$out/NotoSansSC-$weight-GB2312.otf"
done
cp /usr/share/doc/fonts-noto-cjk/copyright "$out/LICENSE-NotoSansCJK.txt" 2>/dev/null || true
ls -l "$out"
