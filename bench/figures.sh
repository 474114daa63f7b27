#!/bin/bash
# The product's figures in one table (issue 7): runs the end-to-end lab suite (which records
# boot, scan, connect, roam and recovery times, the agent's size and RSS in the guest and
# wbhostd's RSS) and the benchmark programs (link latency/throughput vs plain gRPC, NAT datapath
# vs plain routing, `wbhost status` vs an empty dotnet program (also on .NET 9 with ReadyToRun), the agent's footprint on the
# host), then prints every figure with its unit and what it was compared with.
#
# Usage (root, Debian 12): bash bench/figures.sh [--skip-e2e] [--quick]
#   --skip-e2e  only the benchmark programs (the lab part takes 15-25 min under software emulation);
#               the figures of the last end-to-end run (artifacts/e2e/figures.tsv) are shown, dated
#   --quick     fewer rounds/calls in the benchmark programs (noisier ratios)
# Output: the table on stdout; every program's own output under artifacts/figures/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/artifacts/figures
mkdir -p "$OUT"
export WB_FIGURES=$OUT/figures.tsv
: >"$WB_FIGURES"

e2e=yes quick=no
for a in "$@"; do
    case "$a" in
        --skip-e2e) e2e=no ;;
        --quick) quick=yes ;;
        *) echo "usage: bash bench/figures.sh [--skip-e2e] [--quick]" >&2; exit 2 ;;
    esac
done

failed=()
step() { # name, command...: runs one part, keeps its output, remembers a failure and goes on
    local name=$1; shift
    echo "figures: $name (output: artifacts/figures/$name.log)" >&2
    if ! "$@" >"$OUT/$name.log" 2>&1; then
        failed+=("$name")
        echo "figures: $name FAILED, see artifacts/figures/$name.log" >&2
    fi
}

sh scripts/install-deps.sh >"$OUT/install-deps.log" 2>&1
dotnet build WifiBridgeAgents.sln -c Release >"$OUT/build.log" 2>&1

if [ "$e2e" = yes ]; then
    step e2e bash tests/run-e2e.sh   # records its figures into $WB_FIGURES
elif [ -s artifacts/e2e/figures.tsv ]; then
    when=$(date -u -r artifacts/e2e/figures.tsv '+%Y-%m-%d %H:%M UTC')
    awk -F'\t' -v when="$when" 'BEGIN { OFS = "\t" } { $4 = $4 (length($4) ? "; " : "") "last e2e run " when; print }' \
        artifacts/e2e/figures.tsv >>"$WB_FIGURES"
fi
if [ "$quick" = yes ]; then
    link_args=(1000 1); datapath_args=(--rounds 2 --seconds 3 --pings 50); cli_args=(--runs 30); footprint_args=(--calls 200)
else
    link_args=(); datapath_args=(); cli_args=(); footprint_args=()
fi
step link dotnet run -c Release --no-build --project bench/LinkBench -- "${link_args[@]}"
step datapath dotnet run -c Release --no-build --project bench/DatapathBench -- "${datapath_args[@]}"
step cli dotnet run -c Release --no-build --project bench/CliBench -- "${cli_args[@]}"
step cli-net9 sh bench/CliBench/run-net9.sh "${cli_args[@]}"   # .NET 9 + ReadyToRun, as the FreeBSD package runs
step footprint sh bench/AgentFootprint/run.sh "${footprint_args[@]}"

echo
echo "WifiBridge figures, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(lab times: QEMU software emulation, no KVM; ratios: measured against their baseline in the same run)"
echo
awk -F'\t' '
    BEGIN { printf "| %-66s | %10s | %-5s | %s\n", "figure", "value", "unit", "baseline / target / conditions"; 
            printf "|%s|%s|%s|%s\n", "--------------------------------------------------------------------", "-----------:", "-------", "------" }
    NF >= 3 { printf "| %-66s | %10s | %-5s | %s\n", $1, $2, $3, $4 }' "$WB_FIGURES"
echo
for want in "boot:" "scan:" "connect" "roam:" "recovery: agent" "recovery: QEMU" "recovery: wbhostd" "agent: static" "agent: RSS" "wbhostd: RSS" "wbhost status" "link:" "datapath:"; do
    grep -q "^$want" "$WB_FIGURES" || echo "missing: no figure starting with '$want' was recorded"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "parts that failed (their figures may be missing): ${failed[*]}"
    exit 1
fi
