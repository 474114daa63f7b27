#!/bin/sh
# Builds the production guest disk image the host controller boots under bhyve (UEFI):
# GPT disk, EFI system partition with GRUB (removable path EFI/BOOT/BOOTX64.EFI), ext4 root
# from the Alpine minirootfs + linux-lts + Wi-Fi firmware + wpa_supplicant & co + wbguest.
# The root is mounted read-only; /var/log, /tmp and /var/lib are tmpfs: the guest is stateless.
#
# NOT EXERCISED in the project's CI (Alpine's mirrors are unreachable there): see
# guest-packaging/README.md. Run as root on Alpine (or any Linux with apk-tools) with network.
#
#   build-image.sh --repo DIR --key FILE.rsa.pub [--out wifibridge-guest.img] [--size 384M]
#                  [--alpine 3.22] [--mirror URL] [--firmware "intel ath10k ..."]
#
#   --repo DIR   the abuild repository holding wbguest and wbguest-openrc (~/packages/<repo>)
#   --key FILE   the public key that signed it (abuild-keygen), copied to /etc/apk/keys
set -eu

ALPINE=3.22
MIRROR=https://dl-cdn.alpinelinux.org/alpine
OUT=wifibridge-guest.img
SIZE=384M
REPO=""
KEY=""
# linux-firmware-* subpackages for the Wi-Fi cards users pass through
FIRMWARE="intel ath9k_htc ath10k ath11k rtlwifi rtw88 rtw89 mediatek brcm"

die() { echo "build-image: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
		--repo) REPO=$2; shift 2 ;;
		--key) KEY=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--size) SIZE=$2; shift 2 ;;
		--alpine) ALPINE=$2; shift 2 ;;
		--mirror) MIRROR=$2; shift 2 ;;
		--firmware) FIRMWARE=$2; shift 2 ;;
		-h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
		*) die "unknown option '$1' (see --help)" ;;
	esac
done
if [ -z "$REPO" ] || [ ! -d "$REPO" ]; then die "--repo DIR (the abuild repository with wbguest) is required"; fi
if [ -z "$KEY" ] || [ ! -f "$KEY" ]; then die "--key FILE (the key that signed --repo) is required"; fi
[ "$(id -u)" = 0 ] || die "run as root (loop devices, mounts, chroot)"
for t in apk sfdisk losetup mkfs.vfat mkfs.ext4 wget tar chroot blkid; do
	command -v "$t" >/dev/null || die "'$t' is missing"
done

WORK=$(mktemp -d)
MNT=$WORK/root
LOOP=""
cleanup() {
	for m in "$MNT/boot/efi" "$MNT/dev" "$MNT/proc" "$MNT/sys" "$MNT"; do
		mountpoint -q "$m" 2>/dev/null && umount "$m"
	done
	[ -n "$LOOP" ] && losetup -d "$LOOP"
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# 1. disk: GPT, 64 MiB EFI system partition, the rest ext4 root
rm -f "$OUT"
truncate -s "$SIZE" "$OUT"
printf 'label: gpt\nsize=64MiB, type=uefi, name=esp\ntype=linux, name=root\n' | sfdisk -q "$OUT"
LOOP=$(losetup -P -f --show "$OUT")
mkfs.vfat -F 32 -n ESP "${LOOP}p1" >/dev/null
mkfs.ext4 -q -L wbroot "${LOOP}p2"
mkdir -p "$MNT"
mount "${LOOP}p2" "$MNT"
mkdir -p "$MNT/boot/efi"
mount "${LOOP}p1" "$MNT/boot/efi"

# 2. Alpine minirootfs, then packages
ARCH=x86_64
REL=$(wget -qO- "$MIRROR/v$ALPINE/releases/$ARCH/latest-releases.yaml" | sed -n 's/^ *file: \(alpine-minirootfs-.*\.tar\.gz\)$/\1/p' | head -n1)
[ -n "$REL" ] || die "cannot find the minirootfs of Alpine $ALPINE at $MIRROR"
wget -qO "$WORK/minirootfs.tar.gz" "$MIRROR/v$ALPINE/releases/$ARCH/$REL"
tar -xzf "$WORK/minirootfs.tar.gz" -C "$MNT"
cp "$KEY" "$MNT/etc/apk/keys/"
printf '%s\n' "$MIRROR/v$ALPINE/main" "$MIRROR/v$ALPINE/community" > "$MNT/etc/apk/repositories"
cp /etc/resolv.conf "$MNT/etc/resolv.conf"
mount --bind /dev "$MNT/dev"
mount -t proc proc "$MNT/proc"
mount -t sysfs sys "$MNT/sys"
fw=""
for f in $FIRMWARE; do fw="$fw linux-firmware-$f"; done
# shellcheck disable=SC2086 # one package per word
apk --root "$MNT" --repository "$REPO" add --no-cache \
	openrc busybox-openrc busybox-mdev-openrc linux-lts $fw grub-efi \
	wpa_supplicant iw iproute2 nftables dnsmasq wbguest wbguest-openrc

# 3. configuration: boots like the lab (busybox init -> OpenRC -> wbguest)
echo wifibridge > "$MNT/etc/hostname"
printf '%s\n' virtio_pci virtio_console virtio_net virtio_rng af_packet > "$MNT/etc/modules"
ROOT_UUID=$(blkid -s UUID -o value "${LOOP}p2")
ESP_UUID=$(blkid -s UUID -o value "${LOOP}p1")
cat > "$MNT/etc/fstab" <<EOF
UUID=$ROOT_UUID / ext4 ro,noatime 0 1
UUID=$ESP_UUID /boot/efi vfat ro,noauto 0 0
tmpfs /tmp tmpfs nosuid,nodev,size=16m 0 0
tmpfs /var/log tmpfs nosuid,nodev,size=8m 0 0
tmpfs /var/lib tmpfs nosuid,nodev,size=4m 0 0
EOF
for s in devfs dmesg mdev hwdrivers; do chroot "$MNT" rc-update add "$s" sysinit; done
for s in modules sysctl hostname bootmisc syslog localmount; do chroot "$MNT" rc-update add "$s" boot; done
chroot "$MNT" rc-update add wbguest default
for s in mount-ro killprocs savecache; do chroot "$MNT" rc-update add "$s" shutdown; done
# initramfs with the virtio drivers bhyve presents
sed -i 's/^features="\(.*\)"/features="\1 virtio"/' "$MNT/etc/mkinitfs/mkinitfs.conf"
KVER=$(basename "$(find "$MNT/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -n1)")
chroot "$MNT" mkinitfs "$KVER"

# 4. boot loader: GRUB at the removable path (bhyve's UEFI has no boot entries)
chroot "$MNT" grub-install --target=x86_64-efi --efi-directory=/boot/efi --removable --no-nvram
cat > "$MNT/boot/grub/grub.cfg" <<EOF
set timeout=0
menuentry "WifiBridge guest" {
	search --no-floppy --fs-uuid --set=root $ROOT_UUID
	linux /boot/vmlinuz-lts root=UUID=$ROOT_UUID rootfstype=ext4 modules=ext4 ro console=ttyS0,115200 quiet
	initrd /boot/initramfs-lts
}
EOF
rm -f "$MNT/etc/resolv.conf"
sync
echo "build-image: wrote $OUT"
