#!/bin/bash
# shellcheck disable=SC2054 # QEMU option values are comma-separated on purpose
# Runs the lab guest under QEMU (software emulation; KVM only with --kvm), wired like the
# production guest under bhyve. See guest-packaging/lab/README.md ("QEMU wiring") for the
# exact argv and its bhyve counterpart.
#
# Files in the run directory (default /run/wifibridge-lab, override --run-dir or WB_LAB_RUN):
#   agent.sock    virtio-console port org.wifibridge.agent.0 (QEMU listens; one client at a time)
#   labctl.sock   virtio-console port org.wifibridge.labctl (lab-only command channel, labctl.sh)
#   com2.pty      symlink to the host end (a pty) of the guest's COM2 = /dev/ttyS1 (--com2 pty)
#   com2.sock     UNIX socket of the guest's COM2 instead, QEMU listening    (--com2 unix)
#   console.log   the guest's console (ttyS0): kernel and OpenRC output
#   qmp.sock      QEMU's QMP monitor
#   qemu.pid      QEMU's pid (with --daemonize; in the foreground QEMU replaces this script)
set -euo pipefail

usage() {
    cat <<'EOF'
usage: run-lab-vm.sh [options]          run the lab VM (foreground unless --daemonize)
       run-lab-vm.sh --stop [--run-dir DIR]    stop a daemonized lab VM

  --run-dir DIR     sockets, pidfile and console log (default $WB_LAB_RUN or /run/wifibridge-lab)
  --kernel PATH     default $WB_LAB_CACHE/out/vmlinuz   (WB_LAB_CACHE default /var/cache/wifibridge-lab)
  --initrd PATH     default $WB_LAB_CACHE/out/initramfs.img
  --mem MB          guest memory (default 160: the root is a squashfs image, see README.md)
  --smp N           guest CPUs (default 1)
  --tap NAME        host tap device for the virtio-net NIC (default wbtap0; created by QEMU if absent)
  --no-tap          no NIC at all
  --mac MAC         the NIC's MAC address (default 58:9c:fc:00:00:01, bhyve's OUI)
  --com2 pty|unix   host end of the guest's COM2 (/dev/ttyS1): a pty (default, the stand-in for
                    FreeBSD's /dev/nmdmNB) or a UNIX socket QEMU listens on
  --append ARGS     extra kernel command line
  --kvm             use KVM (default: TCG software emulation, as in CI)
  --daemonize       run in the background; pid in RUN_DIR/qemu.pid
  --stop            stop the VM whose pid is in RUN_DIR/qemu.pid (SIGTERM, then SIGKILL after 10 s)
EOF
}

CACHE=${WB_LAB_CACHE:-/var/cache/wifibridge-lab}
RUN_DIR=${WB_LAB_RUN:-/run/wifibridge-lab}
KERNEL=""
INITRD=""
MEM=160
SMP=1
TAP=wbtap0
MAC=58:9c:fc:00:00:01
COM2=pty
APPEND=""
ACCEL=tcg
DAEMON=0
STOP=0
need() { [ "$2" -ge 2 ] || { echo "run-lab-vm: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
    case "$1" in
        --run-dir) need "$1" $#; RUN_DIR=$2; shift 2 ;;
        --kernel) need "$1" $#; KERNEL=$2; shift 2 ;;
        --initrd) need "$1" $#; INITRD=$2; shift 2 ;;
        --mem) need "$1" $#; MEM=$2; shift 2 ;;
        --smp) need "$1" $#; SMP=$2; shift 2 ;;
        --tap) need "$1" $#; TAP=$2; shift 2 ;;
        --no-tap) TAP=""; shift ;;
        --mac) need "$1" $#; MAC=$2; shift 2 ;;
        --com2) need "$1" $#; COM2=$2; shift 2 ;;
        --append) need "$1" $#; APPEND=$2; shift 2 ;;
        --kvm) ACCEL=kvm; shift ;;
        --daemonize) DAEMON=1; shift ;;
        --stop) STOP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run-lab-vm: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
KERNEL=${KERNEL:-$CACHE/out/vmlinuz}
INITRD=${INITRD:-$CACHE/out/initramfs.img}
PIDFILE=$RUN_DIR/qemu.pid

running_pid() {  # prints the pid in the pidfile if that process is a live QEMU
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q qemu "/proc/$pid/comm" 2>/dev/null || return 1
    echo "$pid"
}

if [ "$STOP" = 1 ]; then
    pid=$(running_pid) || { echo "run-lab-vm: no lab VM running for $RUN_DIR"; rm -f "$PIDFILE"; exit 0; }
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$PIDFILE"
    echo "run-lab-vm: stopped pid $pid"
    exit 0
fi

case "$COM2" in pty|unix) ;; *) echo "run-lab-vm: --com2 must be pty or unix, not '$COM2'" >&2; exit 2 ;; esac
case "$MEM$SMP" in *[!0-9]*) echo "run-lab-vm: --mem and --smp take numbers" >&2; exit 2 ;; esac
command -v qemu-system-x86_64 >/dev/null || { echo "run-lab-vm: qemu-system-x86_64 is missing; install it with: sh scripts/install-deps.sh" >&2; exit 1; }
for f in "$KERNEL" "$INITRD"; do
    [ -s "$f" ] || { echo "run-lab-vm: $f does not exist; build the lab guest first: guest-packaging/lab/build-lab-guest.sh" >&2; exit 1; }
done
if [ -n "$TAP" ] && [ ! -c /dev/net/tun ]; then
    echo "run-lab-vm: /dev/net/tun is missing (needed for --tap $TAP); load the tun module or pass --no-tap" >&2; exit 1
fi
if [ "$ACCEL" = kvm ] && [ ! -w /dev/kvm ]; then
    echo "run-lab-vm: --kvm given but /dev/kvm is not usable; drop --kvm to use software emulation" >&2; exit 1
fi
mkdir -p "$RUN_DIR"
if pid=$(running_pid); then
    echo "run-lab-vm: a lab VM (pid $pid) already runs with run directory $RUN_DIR; stop it with: $0 --stop --run-dir $RUN_DIR" >&2
    exit 1
fi
# Stale sockets from a crashed run (bhyve would fail to bind; QEMU would silently replace them).
rm -f "$RUN_DIR"/{agent.sock,labctl.sock,com2.sock,com2.pty,qmp.sock,qemu.pid}
: > "$RUN_DIR/console.log"

ARGS=(
    -name wifibridge-lab -nodefaults -no-user-config -nographic -no-reboot
    -machine pc,accel="$ACCEL" -cpu max -smp "$SMP" -m "$MEM"
    -kernel "$KERNEL" -initrd "$INITRD"
    # rootfstype=ramfs: the image stays in the initramfs, and the default tmpfs rootfs is
    # capped at half the RAM (too small at -m 160)
    -append "console=ttyS0,115200 panic=-1 loglevel=4 rootfstype=ramfs $APPEND"
    # COM1 = ttyS0: the console, to a log file
    -chardev "file,id=con0,path=$RUN_DIR/console.log"
    -serial chardev:con0
)
# COM2 = ttyS1: the agent's serial fallback (bhyve: -l com2,/dev/nmdmNA)
if [ "$COM2" = pty ]; then
    ARGS+=(-chardev pty,id=com2)
else
    ARGS+=(-chardev "socket,id=com2,path=$RUN_DIR/com2.sock,server=on,wait=off")
fi
ARGS+=(
    -serial chardev:com2
    # virtio-console ports (bhyve: -s N,virtio-console,org.wifibridge.agent.0=/path/agent.sock)
    -device virtio-serial-pci,id=vser0,max_ports=4
    -chardev "socket,id=agent0,path=$RUN_DIR/agent.sock,server=on,wait=off"
    -device virtserialport,bus=vser0.0,nr=1,chardev=agent0,name=org.wifibridge.agent.0
    # lab only: the command channel (never present under bhyve)
    -chardev "socket,id=labctl,path=$RUN_DIR/labctl.sock,server=on,wait=off"
    -device virtserialport,bus=vser0.0,nr=2,chardev=labctl,name=org.wifibridge.labctl
    # entropy (bhyve: -s N,virtio-rnd)
    -device virtio-rng-pci
    -qmp "unix:$RUN_DIR/qmp.sock,server=on,wait=off"
)
if [ -n "$TAP" ]; then
    # virtio-net on a host tap (bhyve: -s N,virtio-net,tapN,mac=...); romfile= : no iPXE ROM needed
    ARGS+=(-netdev "tap,id=net0,ifname=$TAP,script=no,downscript=no"
           -device "virtio-net-pci,netdev=net0,mac=$MAC,romfile=")
fi

publish_com2() {  # with a pty, find its path through QMP and link it as RUN_DIR/com2.pty
    local pty
    [ "$COM2" = pty ] || return 0
    for _ in $(seq 100); do
        [ -S "$RUN_DIR/qmp.sock" ] && break
        sleep 0.1
    done
    pty=$(printf '%s\n' '{"execute":"qmp_capabilities"}' '{"execute":"query-chardev"}' \
          | timeout 5 socat -t 2 - "UNIX-CONNECT:$RUN_DIR/qmp.sock" 2>/dev/null \
          | grep -o '"filename": "pty:[^"]*", "label": "com2"' | sed 's/.*pty:\([^"]*\)".*/\1/')
    if [ -z "$pty" ]; then
        echo "run-lab-vm: could not find COM2's pty through QMP ($RUN_DIR/qmp.sock)" >&2
        return 1
    fi
    ln -sfn "$pty" "$RUN_DIR/com2.pty"
    echo "run-lab-vm: COM2 (guest /dev/ttyS1) = $pty -> $RUN_DIR/com2.pty" >&2
}

if [ "$DAEMON" = 1 ]; then
    qemu-system-x86_64 "${ARGS[@]}" -daemonize -pidfile "$PIDFILE" >"$RUN_DIR/qemu.log" 2>&1 \
        || { echo "run-lab-vm: QEMU failed to start:" >&2; cat "$RUN_DIR/qemu.log" >&2; exit 1; }
    publish_com2 || { "$0" --stop --run-dir "$RUN_DIR" >/dev/null; exit 1; }
    echo "run-lab-vm: lab VM running, pid $(cat "$PIDFILE"), run directory $RUN_DIR" >&2
else
    # Foreground: QEMU replaces this shell (so signals reach it); COM2's pty is published
    # by a helper once QMP is up. The pidfile is written for labctl/--stop all the same.
    if [ "$COM2" = pty ]; then publish_com2 & fi
    exec qemu-system-x86_64 "${ARGS[@]}" -pidfile "$PIDFILE"
fi
