#!/bin/sh
# Installs every Debian package the build, the tests and the lab need. Idempotent.
# Run as root on Debian 12. The lab guest's own packages (kernel, hostapd, ...) are
# fetched separately by guest-packaging/lab/build-lab-guest.sh with `apt-get download`.
set -eu
PKGS="clang lld binutils cpio zstd xz-utils kmod qemu-system-x86 shellcheck mandoc nftables iptables \
dnsmasq-base iperf3 iproute2 squashfs-tools busybox-static curl socat hyperfine procps psmisc zsh wpasupplicant iw python3"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
