#!/bin/bash
# Lab only: runs a shell command in the lab guest through the lab-only virtio-console port
# org.wifibridge.labctl (served in the guest by /usr/lib/wifibridge-lab/labctl-serve).
# Prints the command's combined stdout+stderr and exits with its status.
#
#   labctl.sh [--sock PATH] [--timeout SECONDS] exec 'COMMAND'
#   labctl.sh [--sock PATH] [--timeout SECONDS] wait      # until the guest answers
#
# Exit status: the command's; 124 if it (or the channel) timed out; 125 on a channel error.
# The channel carries one request at a time; concurrent callers queue on QEMU's socket.
set -euo pipefail

usage() {
    sed -n '2,10s/^# \{0,1\}//p' "$0" >&2
    echo "  --sock PATH     default \$WB_LAB_RUN/labctl.sock (WB_LAB_RUN default /run/wifibridge-lab)" >&2
    echo "  --timeout SECS  default 30" >&2
    exit 2
}

SOCK=${WB_LAB_RUN:-/run/wifibridge-lab}/labctl.sock
TIMEOUT=30
while [ $# -gt 0 ]; do
    case "$1" in
        --sock) [ $# -ge 2 ] || usage; SOCK=$2; shift 2 ;;
        --timeout) [ $# -ge 2 ] || usage; TIMEOUT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) break ;;
    esac
done
case "$TIMEOUT" in ''|*[!0-9]*|0) echo "labctl: --timeout takes a positive whole number of seconds" >&2; exit 2 ;; esac
[ $# -ge 1 ] || usage
VERB=$1; shift
case "$VERB" in
    exec) if [ $# -ne 1 ] || [ -z "$1" ]; then echo "labctl: exec takes one non-empty command string" >&2; exit 2; fi
          CMD=$1 ;;
    wait) [ $# -eq 0 ] || usage
          CMD=true ;;
    *) usage ;;
esac
command -v socat >/dev/null || { echo "labctl: socat is missing; install it with: sh scripts/install-deps.sh" >&2; exit 125; }

deadline=$((SECONDS + TIMEOUT))

# One attempt: connect, send the request, read until our nonce's END line.
# Returns the command's status, or 200 if the socket could not be reached / closed early.
attempt() {
    # The guest kills the command at the deadline; its answer gets 3 s more to arrive.
    local nonce req line rc="" state=idle out="" adl=$((deadline + 3))
    # "wait" retries every 3 s: bytes sent before the guest opened its port may be lost.
    if [ "$VERB" = wait ]; then adl=$((SECONDS + 3 < deadline ? SECONDS + 3 : deadline)); fi
    nonce=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
    # The guest enforces the timeout too, so it does not hang on a command nobody waits for.
    req="$nonce $((deadline - SECONDS > 0 ? deadline - SECONDS : 1)) $(printf '%s' "$CMD" | base64 -w0)"
    [ -S "$SOCK" ] || return 200
    coproc LABCTL_CHAN { exec socat - "UNIX-CONNECT:$SOCK" 2>/dev/null; }
    local in=${LABCTL_CHAN[0]} outfd=${LABCTL_CHAN[1]} pid=$LABCTL_CHAN_PID
    { printf '%s\n' "$req" >&"$outfd"; } 2>/dev/null || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; return 200; }
    while [ $SECONDS -lt $adl ]; do
        if ! IFS= read -r -t $((adl - SECONDS)) line <&"$in"; then
            # EOF (socat exited: connection refused or closed) or timeout
            [ $SECONDS -lt $adl ] && { rc=200; break; }
            break
        fi
        case "$line" in
            "LABCTL $nonce BEGIN") state=body; out="" ;;
            "LABCTL $nonce END "*) [ "$state" = body ] && { rc=${line##* }; break; } ;;
            "LABCTL $nonce ERROR "*|"LABCTL - ERROR "*) echo "labctl: guest rejected the request: ${line#LABCTL * ERROR }" >&2; rc=125; break ;;
            "LABCTL "*) state=idle ;;                    # a stale answer to an earlier request
            *) [ "$state" = body ] && out+=$line ;;
        esac
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -z "$rc" ]; then return 124; fi
    if [ "$rc" != 200 ] && [ "$rc" != 125 ]; then
        printf '%s' "$out" | base64 -d 2>/dev/null || { echo "labctl: garbled output from the guest" >&2; return 125; }
    fi
    return "$rc"
}

while :; do
    set +e; attempt; rc=$?; set -e
    if { [ "$rc" = 200 ] || [ "$rc" = 124 ]; } && [ $SECONDS -lt $deadline ] && [ "$VERB" = wait ]; then
        sleep 0.5; continue          # VM still starting: socket not there yet, or no answer yet
    fi
    break
done
case "$rc" in
    124) echo "labctl: no answer from the guest within ${TIMEOUT} s (socket $SOCK; is the lab VM up? see console.log next to it)" >&2 ;;
    200) echo "labctl: cannot talk to the lab VM through $SOCK (is it running? start it with guest-packaging/lab/run-lab-vm.sh)" >&2; rc=125 ;;
esac
exit "$rc"
