#!/usr/bin/env bash
# Prepares a Raspberry Pi OS Lite (Bookworm, 64-bit; Pi 4 or Pi 5) as an Opinion Wall kiosk.
# Run as root on the Pi from a checkout or a release folder holding deploy/:
#
#   sudo deploy/pi/setup-kiosk.sh
#
# It installs cage (the Wayland kiosk compositor), makes the kiosk user (groups gpio, i2c, video,
# input, render), gives that group the backlight, keeps the journal in memory (the SD card),
# turns on NTP and I2C, lets the kiosk user reboot the Pi (the reboot command), makes the data and
# install directories and installs and enables opinionwall-kiosk.service. Then copy the kiosk's
# bundle (kioskctl provision) to /etc/opinionwall and the binary to /opt/opinionwall.
#
# Idempotent: it changes only what differs and says what it changed; a second run says
# "0 changes". For tests, ROOT=DIR writes the files under DIR and OW_SETUP_NO_SYSTEM=1 leaves
# packages, users and services alone.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=${ROOT:-}
system=true
[ "${OW_SETUP_NO_SYSTEM:-}" = 1 ] && system=false
changes=0

if $system && [ "$(id -u)" -ne 0 ]; then
	echo "setup-kiosk: run as root (sudo)" >&2
	exit 1
fi

changed() {
	echo "changed: $*"
	changes=$((changes + 1))
}

# put PATH MODE: standard input becomes the file, if it differs.
put() {
	local path=$root$1 mode=$2 tmp
	tmp=$(mktemp)
	cat >"$tmp"
	if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
		rm -f "$tmp"
	else
		mkdir -p "$(dirname "$path")"
		install -m "$mode" "$tmp" "$path"
		rm -f "$tmp"
		changed "$1"
	fi
	if [ "$(stat -c %a "$path")" != "$mode" ]; then
		chmod "$mode" "$path"
		changed "$1 mode $mode"
	fi
}

# dir PATH MODE [OWNER]
dir() {
	local path=$root$1 mode=$2 owner=${3:-}
	if [ ! -d "$path" ]; then
		mkdir -p "$path"
		changed "$1"
	fi
	if [ "$(stat -c %a "$path")" != "$mode" ]; then
		chmod "$mode" "$path"
		changed "$1 mode $mode"
	fi
	if $system && [ -n "$owner" ] && [ "$(stat -c %U:%G "$path")" != "$owner" ]; then
		chown "$owner" "$path"
		changed "$1 owner $owner"
	fi
}

if $system; then
	missing=()
	# Fyne draws through X11: Xwayland under cage; handwriting (手写) needs Zinnia and its Tegaki model;
	# voice messages are coded with libopus (and the binding links libopusfile)
	for p in cage xwayland systemd-timesyncd libzinnia0 tegaki-zinnia-simplified-chinese libopus0 libopusfile0; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		apt-get update -q
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
		changed "installed ${missing[*]}"
	fi
	if ! id kiosk >/dev/null 2>&1; then
		useradd --system --create-home --home-dir /var/lib/opinionwall-home --shell /usr/sbin/nologin kiosk
		changed "user kiosk"
	fi
	for g in gpio i2c video input render; do
		getent group "$g" >/dev/null || continue
		if ! id -nG kiosk | tr ' ' '\n' | grep -qx "$g"; then
			usermod -aG "$g" kiosk
			changed "kiosk in group $g"
		fi
	done
fi

# The backlight's brightness and power belong to the video group (the kiosk dims at night).
put /etc/udev/rules.d/90-opinionwall-backlight.rules 644 <<'RULES'
SUBSYSTEM=="backlight", RUN+="/bin/chgrp video /sys%p/brightness /sys%p/bl_power", RUN+="/bin/chmod g+w /sys%p/brightness /sys%p/bl_power"
RULES

# The journal in memory, capped: the SD card is spared; kioskctl logs reads the kiosk's own ring.
put /etc/systemd/journald.conf.d/opinionwall.conf 644 <<'CONF'
[Journal]
Storage=volatile
RuntimeMaxUse=64M
CONF

# The kiosk user may reboot the Pi (the reboot command) and nothing more.
put /etc/polkit-1/rules.d/50-opinionwall-reboot.rules 644 <<'RULES'
polkit.addRule(function(action, subject) {
	if ((action.id == "org.freedesktop.login1.reboot" || action.id == "org.freedesktop.login1.reboot-multiple-sessions") &&
	    subject.user == "kiosk") {
		return polkit.Result.YES;
	}
});
RULES

dir /etc/opinionwall 750 root:kiosk
dir /etc/opinionwall/trust 750 root:kiosk
dir /var/lib/opinionwall 750 kiosk:kiosk
dir /opt/opinionwall 755 kiosk:kiosk
dir /opt/opinionwall/releases 755 kiosk:kiosk
put /etc/systemd/system/opinionwall-kiosk.service 644 <"$here/systemd/opinionwall-kiosk.service"
# The handwriting pad's standard-order model (kiosk.handwriting_standard_model), with its licence.
put /usr/share/opinionwall/handwriting-zh_CN-standard-order.model 644 <"$here/handwriting/handwriting-zh_CN-standard-order.model"
put /usr/share/opinionwall/ARPHICPL.TXT 644 <"$here/handwriting/ARPHICPL.TXT"

if $system; then
	if command -v raspi-config >/dev/null 2>&1 && [ "$(raspi-config nonint get_i2c)" != 0 ]; then
		raspi-config nonint do_i2c 0
		changed "I2C on"
	fi
	systemctl daemon-reload
	for unit in systemd-timesyncd.service opinionwall-kiosk.service; do
		if ! systemctl is-enabled --quiet "$unit"; then
			systemctl enable "$unit"
			changed "enabled $unit"
		fi
	done
	if systemctl is-enabled --quiet getty@tty1.service; then
		systemctl disable getty@tty1.service
		changed "getty on tty1 off (the kiosk has tty1)"
	fi
	if [ "$(systemctl get-default)" != graphical.target ]; then
		systemctl set-default graphical.target
		changed "boots to graphical.target"
	fi
	udevadm control --reload || true
fi

echo "setup-kiosk: $changes changes"
