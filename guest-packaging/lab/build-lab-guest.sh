#!/bin/bash
# Builds the WifiBridge lab guest: a Debian 12 kernel plus an initramfs that boots like
# the Alpine guest (busybox init -> OpenRC -> wbguest under supervise-daemon) and carries
# the simulated Wi-Fi world (mac80211_hwsim radios, hostapd APs, dnsmasq, httpd, iperf3).
#
# Packages come from the Debian mirrors configured on this machine via `apt-get download`
# and are cached OUTSIDE the repository. The image is rebuilt only when an input changes
# (package set and versions, the files under guest-packaging/, the agent binary, this script).
#
# Outputs (stable paths other code relies on):
#   $WB_LAB_CACHE/out/vmlinuz         the kernel
#   $WB_LAB_CACHE/out/initramfs.img   the initramfs (zstd-compressed newc cpio)
#   $WB_LAB_CACHE/out/manifest.txt    packages, versions, modules and file sizes in the image
#
# Run as root on Debian 12 (needs apt-get, dpkg-deb, depmod, modprobe, cpio, zstd, readelf, strip;
# scripts/install-deps.sh installs them). See guest-packaging/lab/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: build-lab-guest.sh [--agent PATH] [--force] [--quiet]

  --agent PATH   use this prebuilt static wbguest binary instead of publishing src/GuestAgent
  --force        rebuild the image even if no input changed
  --quiet        print only the output paths

environment:
  WB_LAB_CACHE   cache and output directory (default /var/cache/wifibridge-lab)

prints (last lines):  kernel=PATH  initramfs=PATH
EOF
}

AGENT=""
FORCE=0
QUIET=0
while [ $# -gt 0 ]; do
    case "$1" in
        --agent) [ $# -ge 2 ] || { echo "build-lab-guest: --agent needs a path" >&2; exit 2; }
                 AGENT=$2; shift 2 ;;
        --force) FORCE=1; shift ;;
        --quiet) QUIET=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build-lab-guest: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${WB_LAB_CACHE:-/var/cache/wifibridge-lab}
DEBS=$CACHE/debs
OUT=$CACHE/out
WORK=$CACHE/work

log() { [ "$QUIET" = 1 ] || echo "build-lab-guest: $*" >&2; }
die() { echo "build-lab-guest: error: $*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg-deb depmod modprobe cpio zstd xz mksquashfs readelf strip sha256sum flock; do
    command -v "$tool" >/dev/null || die "'$tool' is missing; install the build dependencies with: sh scripts/install-deps.sh"
done
[ "$(id -u)" = 0 ] || die "run as root (apt-get download into $CACHE, depmod, device nodes in the image)"

# The packages the guest runs. Their library dependencies are resolved recursively below.
PACKAGES=(linux-image-amd64 busybox-static dash kmod openrc wpasupplicant hostapd iw nftables dnsmasq-base
          iproute2 iperf3 wireless-regdb)

# Kernel modules the guest loads (plus their dependencies). Built-ins (af_packet, unix, ipv6,
# 8250 serial, devtmpfs) need nothing. See guest-packaging/lab/README.md.
MODULES=(virtio_pci virtio_console virtio_net virtio_rng mac80211_hwsim ccm gcm ctr cmac
         nf_tables nft_chain_nat nft_masq nft_nat nft_ct nft_reject_inet nft_fib_inet nft_fib_ipv4
         nft_fib_ipv6 nft_limit nft_redir nf_conntrack_netlink nf_flow_table nf_flow_table_inet nft_flow_offload
         bridge br_netfilter tun veth dummy)
# Loaded by stage 1 (busybox insmod, uncompressed) to mount the squashfs root under an overlay.
STAGE1_MODULES=(loop squashfs overlay)

# Executables copied from the packages (with their shared-library closure); busybox provides the rest.
BINARIES=(bin/dash bin/kmod sbin/openrc sbin/openrc-run sbin/rc-service bin/rc-status sbin/rc-update sbin/supervise-daemon
          sbin/openrc-shutdown sbin/wpa_supplicant sbin/wpa_cli usr/sbin/hostapd usr/sbin/hostapd_cli
          sbin/iw sbin/ip sbin/bridge sbin/tc usr/sbin/nft usr/sbin/dnsmasq usr/bin/iperf3)

mkdir -p "$DEBS" "$OUT" "$WORK"
# One build at a time per cache (tests, demos and people share the machine and the cache).
exec 9>"$CACHE/build.lock"
if ! flock -n 9; then
    log "another build-lab-guest.sh holds $CACHE/build.lock; waiting for it"
    flock -w 1800 9 || die "timed out after 30 min waiting for $CACHE/build.lock"
fi

# --- 1. resolve and download the packages --------------------------------------------------
resolve() {
    # Direct packages + every library package reachable through Depends/PreDepends.
    # Non-library dependencies (debconf, adduser, perl, initramfs-tools...) are maintainer-script
    # plumbing the image does not need; libraries are pruned later to what the ELF files use.
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "${PACKAGES[@]}" 2>/dev/null \
        | grep -v '^[ <]' | sort -u | grep -E '^(lib|zlib|linux-image-[0-9])' | grep -vE -- '-perl$|^libperl' || true
    printf '%s\n' "${PACKAGES[@]}"
}
candidate=$(apt-cache policy linux-image-amd64 2>/dev/null | sed -n 's/^ *Candidate: //p')
if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
    log "apt package lists are missing; running apt-get update"
    apt-get update -q >&2 || die "apt-get update failed; check the Debian mirror in /etc/apt/sources.list*"
fi
mapfile -t PKGLIST < <(resolve | sort -u)
# Exact file names apt would download (name_version_arch.deb) = the package part of the input hash.
# (run in an empty directory: apt-get download prints nothing for files already present)
rm -rf "$WORK/uris" && mkdir -p "$WORK/uris"
URIS=$(cd "$WORK/uris" && apt-get download --print-uris "${PKGLIST[@]}" 2>/dev/null) \
    || die "cannot resolve the lab packages (apt-get download --print-uris failed); run apt-get update"
mapfile -t DEBFILES < <(printf '%s\n' "$URIS" | awk '{print $2}' | sort)
[ "${#DEBFILES[@]}" -gt 0 ] || die "apt resolved no packages"
missing=()
for f in "${DEBFILES[@]}"; do
    [ -s "$DEBS/$f" ] || missing+=("${f%%_*}")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "downloading ${#missing[@]} packages into $DEBS"
    # apt's sandbox user cannot write to a root-owned cache; that warning is expected.
    (cd "$DEBS" && apt-get download -q "${missing[@]}" 2>&1 | grep -v 'unsandboxed' >&2) || true
fi
for f in "${DEBFILES[@]}"; do
    [ -s "$DEBS/$f" ] || die "package file $DEBS/$f was not downloaded; check network access to the Debian mirror"
done

# --- 2. the agent --------------------------------------------------------------------------
if [ -z "$AGENT" ]; then
    # Publishing takes minutes on 2 cores; skip it when no source of the agent changed.
    SRC_HASH=$(cd "$REPO" && find src/GuestAgent src/Link src/Protocol proto Directory.Build.props Directory.Packages.props \
        \( -name bin -o -name obj \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | awk '{print $1}')
    if [ -x "$CACHE/agent/wbguest" ] && [ "$(cat "$CACHE/agent/source.sha256" 2>/dev/null)" = "$SRC_HASH" ]; then
        log "agent sources unchanged; reusing $CACHE/agent/wbguest"
    else
        command -v dotnet >/dev/null || die "dotnet is missing: install the .NET SDK or pass --agent PATH"
        log "publishing the static native-AOT agent (src/GuestAgent)"
        rm -f "$CACHE/agent/source.sha256"
        dotnet publish "$REPO/src/GuestAgent" -c Release -r linux-x64 -p:StaticExecutable=true \
            -p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -o "$CACHE/agent" -v quiet -nologo >&2 \
            || die "dotnet publish of src/GuestAgent failed (see above)"
        echo "$SRC_HASH" > "$CACHE/agent/source.sha256"
    fi
    AGENT=$CACHE/agent/wbguest
fi
[ -x "$AGENT" ] || die "agent binary '$AGENT' does not exist or is not executable"
if readelf -d "$AGENT" 2>/dev/null | grep -q NEEDED; then
    die "agent '$AGENT' is dynamically linked; publish it with -p:StaticExecutable=true (see the common brief)"
fi

# --- 3. input hash: skip the build when nothing changed -------------------------------------
HASH=$( {
    printf '%s\n' "${DEBFILES[@]}"
    printf '%s\n' "${MODULES[@]}" "${STAGE1_MODULES[@]}" "${BINARIES[@]}"
    sha256sum "$0" "$AGENT" | awk '{print $1}'
    (cd "$REPO/guest-packaging" && find lab/rootfs lab/stage1 alpine/wbguest.initd alpine/wbguest.confd -type f -print0 \
        | sort -z | xargs -0 sha256sum; find lab/rootfs -printf '%p %m %y\n' | sort)
} | sha256sum | awk '{print $1}')
if [ "$FORCE" = 0 ] && [ -s "$OUT/vmlinuz" ] && [ -s "$OUT/initramfs.img" ] && [ "$(cat "$OUT/inputs.sha256" 2>/dev/null)" = "$HASH" ]; then
    log "up to date (inputs $HASH)"
    echo "kernel=$OUT/vmlinuz"
    echo "initramfs=$OUT/initramfs.img"
    exit 0
fi

# --- 4. unpack ------------------------------------------------------------------------------
log "unpacking ${#DEBFILES[@]} packages"
PKGROOT=$WORK/pkgroot
ROOT=$WORK/root
rm -rf "$PKGROOT" "$ROOT"
mkdir -p "$PKGROOT" "$ROOT"
for f in "${DEBFILES[@]}"; do dpkg-deb -x "$DEBS/$f" "$PKGROOT"; done
KVER=$(find "$PKGROOT/lib/modules" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | tail -n1)
if [ -z "$KVER" ] || [ ! -f "$PKGROOT/boot/vmlinuz-$KVER" ]; then
    die "no kernel found in the unpacked linux-image package"
fi

# --- 5. assemble the root ---------------------------------------------------------------------
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,lib/x86_64-linux-gnu,lib64,etc,proc,sys,dev,run,tmp,var/log,var/lib,root,srv,mnt}
chmod 1777 "$ROOT/tmp"
ln -s ../run "$ROOT/var/run"

# busybox and its applet links (real binaries copied below take precedence)
install -m 0755 "$PKGROOT/bin/busybox" "$ROOT/bin/busybox"
while read -r applet; do
    [ -e "$ROOT/$applet" ] || [ -L "$ROOT/$applet" ] && continue
    mkdir -p "$(dirname "$ROOT/$applet")"
    ln -s /bin/busybox "$ROOT/$applet"
done < <("$PKGROOT/bin/busybox" --list-full | grep -v '^linuxrc$')

LIBDIRS=("$PKGROOT/lib/x86_64-linux-gnu" "$PKGROOT/usr/lib/x86_64-linux-gnu")
declare -A COPIED=()
copy_file() {  # copy_file REL: copy PKGROOT/REL (following symlinks) to ROOT/REL
    local rel=$1
    mkdir -p "$(dirname "$ROOT/$rel")"
    rm -f "$ROOT/$rel"
    cp -L "$PKGROOT/$rel" "$ROOT/$rel"
}
copy_elf() {  # copy_elf REL: the file and, recursively, every NEEDED library
    local rel=$1 lib dir found
    [ -n "${COPIED[$rel]:-}" ] && return 0
    COPIED[$rel]=1
    [ -e "$PKGROOT/$rel" ] || die "$rel is missing from the unpacked packages"
    copy_file "$rel"
    for lib in $(readelf -d "$PKGROOT/$rel" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        found=""
        for dir in "${LIBDIRS[@]}"; do
            if [ -e "$dir/$lib" ]; then found=${dir#"$PKGROOT"/}/$lib; break; fi
        done
        [ -n "$found" ] || die "library $lib needed by $rel is in no downloaded package"
        copy_elf "$found"
    done
}
for b in "${BINARIES[@]}"; do
    # the real tool replaces busybox's applet of the same name wherever that sits on PATH
    for d in bin sbin usr/bin usr/sbin; do
        [ -L "$ROOT/$d/${b##*/}" ] && rm -f "$ROOT/$d/${b##*/}"
    done
    copy_elf "$b"
done
copy_elf lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
# kmod's tools, which load the xz-compressed modules (decompressing in user space)
for t in modprobe insmod rmmod lsmod modinfo depmod; do
    for d in bin sbin usr/bin usr/sbin; do [ -L "$ROOT/$d/$t" ] && rm -f "$ROOT/$d/$t"; done
    ln -s /bin/kmod "$ROOT/sbin/$t"
done
# /bin/sh is dash: Debian's static busybox is built as a "standalone shell" whose ash runs its
# own applets (ip, sysctl...) ahead of PATH, hiding iproute2's ip; busybox still provides the
# other commands through its applet links.
ln -sfn dash "$ROOT/bin/sh"
ln -sf /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$ROOT/lib64/ld-linux-x86-64.so.2"
# OpenRC's helpers and shell library
cp -a "$PKGROOT/lib/rc" "$ROOT/lib/rc"
for f in "$ROOT"/lib/rc/bin/* "$ROOT"/lib/rc/sbin/*; do
    [ -L "$f" ] && continue
    rel=${f#"$ROOT"/}
    readelf -h "$f" >/dev/null 2>&1 && { unset "COPIED[$rel]"; copy_elf "$rel"; }
done
cp -a "$PKGROOT/etc/rc.conf" "$ROOT/etc/rc.conf"
mkdir -p "$ROOT/etc/insserv.conf.d"   # Debian's openrc scans it (LSB facility names)
mkdir -p "$ROOT/etc/init.d" "$ROOT/etc/conf.d" "$ROOT"/etc/runlevels/{sysinit,boot,default,shutdown,nonetwork}
mkdir -p "$ROOT/lib/firmware"
# wireless-regdb ships regulatory.db-debian; its postinst would select it through alternatives
cp "$PKGROOT/lib/firmware/regulatory.db-debian" "$ROOT/lib/firmware/regulatory.db"
cp "$PKGROOT/lib/firmware/regulatory.db.p7s-debian" "$ROOT/lib/firmware/regulatory.db.p7s"
strip --strip-unneeded "$ROOT"/lib/x86_64-linux-gnu/*.so* 2>/dev/null || true

# kernel modules
log "selecting kernel modules for $KVER"
depmod -b "$PKGROOT" "$KVER"
MODDIR=lib/modules/$KVER
mkdir -p "$ROOT/$MODDIR"
cp "$PKGROOT/$MODDIR"/modules.order "$PKGROOT/$MODDIR"/modules.builtin "$PKGROOT/$MODDIR"/modules.builtin.modinfo "$ROOT/$MODDIR/"
for m in "${MODULES[@]}"; do
    modprobe -d "$PKGROOT" -S "$KVER" --show-depends "$m" 2>/dev/null | grep -q . \
        || die "kernel module $m not found in linux-image $KVER"
    modprobe -d "$PKGROOT" -S "$KVER" --show-depends "$m"
done | awk '$1 == "insmod" {print $2}' | sort -u | while read -r ko; do
    rel=${ko#"$PKGROOT"/}
    mkdir -p "$(dirname "$ROOT/$rel")"
    # xz-compressed; kmod decompresses when loading
    strip --strip-debug -o "$ROOT/$rel" "$ko"
    xz --check=crc32 -T1 "$ROOT/$rel"
done
depmod -b "$ROOT" "$KVER"

# our agent and its OpenRC service: the same files the Alpine package ships
install -m 0755 "$AGENT" "$ROOT/usr/bin/wbguest"
install -m 0755 "$REPO/guest-packaging/alpine/wbguest.initd" "$ROOT/etc/init.d/wbguest"
install -m 0644 "$REPO/guest-packaging/alpine/wbguest.confd" "$ROOT/etc/conf.d/wbguest"

# lab overlay (init, inittab, lab services, world configuration)
cp -a "$HERE/rootfs/." "$ROOT/"
chmod 0755 "$ROOT/init"
ln -s /etc/init.d/lab-boot "$ROOT/etc/runlevels/boot/lab-boot"
for svc in lab-world labctl wbguest; do ln -s "/etc/init.d/$svc" "$ROOT/etc/runlevels/default/$svc"; done

# nodes the kernel needs before devtmpfs is mounted
mknod -m 0600 "$ROOT/dev/console" c 5 1
mknod -m 0666 "$ROOT/dev/null" c 1 3

# --- 6. pack ----------------------------------------------------------------------------------
# The root goes into a squashfs image (lz4) inside a small stage-1 initramfs (stage1/init):
# only the compressed image (and the agent) stays pinned in RAM; files read from it are evictable page cache,
# as on the production guest's disk. This is what lets the lab run at -m 160.
log "packing the root image and the stage-1 initramfs"
{
    echo "kernel $KVER"
    printf 'package %s\n' "${DEBFILES[@]}"
    (cd "$ROOT" && find lib/modules -name '*.ko.xz' | sort | sed 's/^/module /')
    echo "agent $(sha256sum "$AGENT" | awk '{print $1}')"
    echo "size-uncompressed-kib $(du -sk "$ROOT" | awk '{print $1}')"
} > "$WORK/manifest.txt"
STAGE1=$WORK/stage1
rm -rf "$STAGE1" "$WORK/root.sqfs"
mkdir -p "$STAGE1"/{bin,dev,proc,ro,rw,pinned,newroot,lib/modules} "$STAGE1/pinned-files/usr/bin"
# The agent stays out of the image, pinned in RAM: its code must never be evicted and faulted back
# in through squashfs decompression, which under software emulation stalls it for seconds (long
# enough for the link's dead-peer detection). Stage 1 puts it in a tmpfs layer above the image.
mv "$ROOT/usr/bin/wbguest" "$STAGE1/pinned-files/usr/bin/wbguest"
# lz4: the cheapest decompression for the page faults of everything else
mksquashfs "$ROOT" "$STAGE1/root.sqfs" -comp lz4 -Xhc -b 65536 -noappend -all-root \
    -mkfs-time 0 -all-time 0 -no-progress -quiet >&2 || die "mksquashfs failed"
echo "size-root-image-kib $(( $(stat -c %s "$STAGE1/root.sqfs") / 1024 ))" >> "$WORK/manifest.txt"
install -m 0755 "$PKGROOT/bin/busybox" "$STAGE1/bin/busybox"
install -m 0755 "$HERE/stage1/init" "$STAGE1/init"
for m in "${STAGE1_MODULES[@]}"; do
    ko=$(modprobe -d "$PKGROOT" -S "$KVER" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" {print $2}')
    [ "$(printf '%s\n' "$ko" | grep -c .)" = 1 ] || die "stage-1 module $m must be one module with no dependencies (got: $ko)"
    strip --strip-debug -o "$STAGE1/lib/modules/$m.ko" "$ko"
done
mknod -m 0600 "$STAGE1/dev/console" c 5 1
mknod -m 0666 "$STAGE1/dev/null" c 1 3
# the squashfs is compressed already: the cpio gets only a fast zstd pass
(cd "$STAGE1" && find . -mindepth 1 -print0 | LC_ALL=C sort -z \
    | cpio --null -o -H newc --owner=0:0 --reproducible --quiet) | zstd -q -T0 -3 > "$WORK/initramfs.img"
echo "size-compressed-kib $(( $(stat -c %s "$WORK/initramfs.img") / 1024 ))" >> "$WORK/manifest.txt"
rm -rf "$STAGE1"
cp "$PKGROOT/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
# publish atomically: a crash never leaves a half-written image under out/
mv -f "$WORK/vmlinuz" "$OUT/vmlinuz"
mv -f "$WORK/initramfs.img" "$OUT/initramfs.img"
mv -f "$WORK/manifest.txt" "$OUT/manifest.txt"
echo "$HASH" > "$OUT/inputs.sha256"
rm -rf "$PKGROOT"
log "built: $(grep size- "$OUT/manifest.txt" | tr '\n' ' ')"
echo "kernel=$OUT/vmlinuz"
echo "initramfs=$OUT/initramfs.img"
