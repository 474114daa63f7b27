#!/bin/bash
# The whole product in the lab, for a newcomer on a fresh Debian 12 machine (as root):
# builds wbhostd, wbhost and the lab guest, starts wbhostd (QEMU driver) in its own network
# namespace, lets it boot the VM (agent + simulated Wi-Fi), then shows `wbhost scan`,
# connects to the lab's WPA2 network, shows the status and fetches a page through the Wi-Fi link.
#
#   bash scripts/lab-demo.sh          # run the demo, then tear everything down
#   bash scripts/lab-demo.sh --keep   # leave it running; prints how to use and stop it
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
KEEP=no
case "${1:-}" in --keep) KEEP=yes ;; --stop-only) STOP_ONLY=yes ;; esac
[ "$(id -u)" = 0 ] || { echo "lab-demo: run as root (QEMU creates a tap device, wbhostd configures it)" >&2; exit 1; }

NS=wbdemo
DEMO=/run/wifibridge-demo
ART=$ROOT/artifacts/demo
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

wbhost() { dotnet "$ART/wbhost/wbhost.dll" --socket "$DEMO/run/wbhostd.sock" "$@"; }

cleanup() {
    if [ -f "$DEMO/wbhostd.pid" ]; then kill "$(cat "$DEMO/wbhostd.pid")" 2>/dev/null || true; fi
    sleep 1
    if [ -f "$DEMO/run/vm.pid" ]; then kill -KILL "$(cat "$DEMO/run/vm.pid")" 2>/dev/null || true; fi
    ip netns pids "$NS" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "/etc/netns/$NS"
}
cleanup
[ "${STOP_ONLY:-no}" = yes ] && { echo "lab demo stopped"; exit 0; }
rm -rf "$DEMO/run" && mkdir -p "$DEMO/run" "$DEMO/state"
[ "$KEEP" = yes ] || trap cleanup EXIT

say "Installing what is needed (Debian packages) and building"
sh scripts/install-deps.sh
dotnet publish src/HostController -c Release -o "$ART/wbhostd" --nologo -v quiet
dotnet publish src/Wbhost -c Release -o "$ART/wbhost" --nologo -v quiet
out=$(bash guest-packaging/lab/build-lab-guest.sh --quiet)
KERNEL=$(printf '%s\n' "$out" | sed -n 's/^kernel=//p' | tail -n 1)
INITRD=$(printf '%s\n' "$out" | sed -n 's/^initramfs=//p' | tail -n 1)


say "Starting wbhostd in network namespace '$NS' (the tap, its route and DNS stay out of this machine's networking)"
ip netns add "$NS"
ip -n "$NS" link set lo up
mkdir -p "/etc/netns/$NS" && : >"/etc/netns/$NS/resolv.conf"
cat >"$DEMO/wbhostd.conf" <<CONF
vm_driver = qemu
vm_name = wifibridge-demo
memory_mb = 160
qemu_accel = tcg
kernel = $KERNEL
initramfs = $INITRD
kernel_cmdline = "console=ttyS0,115200 panic=-1 loglevel=4 rootfstype=ramfs"
qemu_extra_args = "-chardev socket,id=labctl,path=$DEMO/run/labctl.sock,server=on,wait=off -device virtserialport,bus=vser0.0,chardev=labctl,name=org.wifibridge.labctl"
tap = wbtap0
host_address = dhcp
host_platform = linux
socket = $DEMO/run/wbhostd.sock
socket_group = root
state_dir = $DEMO/state
runtime_dir = $DEMO/run
log = file:$DEMO/wbhostd.log
CONF
ip netns exec "$NS" dotnet "$ART/wbhostd/wbhostd.dll" --config "$DEMO/wbhostd.conf" >"$DEMO/wbhostd.stdio.log" 2>&1 &
echo $! >"$DEMO/wbhostd.pid"

say "Waiting for the VM to boot and the guest agent to answer (software emulation: about a minute)"
for _ in $(seq 1 360); do
    if wbhost --json status 2>/dev/null | grep -q '"GUEST_LINK_STATE_READY"'; then break; fi
    sleep 1
done
wbhost status

say "wbhost scan"
wbhost scan --rescan

say "wbhost connect WB-WPA2 (passphrase on stdin, as a script would; interactive: --ask)"
echo "wifibridge-wpa2" | wbhost connect WB-WPA2 --wait 90

say "wbhost status"
for _ in $(seq 1 60); do
    wbhost --json status | grep -q '"addressCidr": "[0-9]' && break
    sleep 1
done
wbhost status

say "A page from the lab world's HTTP server, fetched through tap -> guest NAT -> Wi-Fi -> AP"
ip netns exec "$NS" curl -sS --max-time 10 http://198.51.100.1/

if [ "$KEEP" = yes ]; then
    cat <<TXT

The lab keeps running. Try:
  dotnet $ART/wbhost/wbhost.dll --socket $DEMO/run/wbhostd.sock signal
  dotnet $ART/wbhost/wbhost.dll --socket $DEMO/run/wbhostd.sock roam
  ip netns exec $NS curl http://198.51.100.1/
Stop it with: bash scripts/lab-demo.sh --stop-only   (or kill the wbhostd and VM pids in $DEMO)
TXT
fi
