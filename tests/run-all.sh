#!/bin/bash
# Every test: the unit and integration tests of every project, the lab suite (the lab guest
# built from Debian packages and booted under QEMU, real hostapd/wpa_supplicant/mac80211_hwsim)
# and the end-to-end suite (wbhost -> wbhostd -> QEMU -> agent -> Wi-Fi -> data through the tap).
# Installs what it needs (Debian packages, NuGet restore, the lab's kernel and packages).
# Run as root on Debian 12. Every suite runs even when an earlier one failed; the exit status
# is non-zero when any test failed. Logs: artifacts/test-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LOGS=$ROOT/artifacts/test-logs
rm -rf "$LOGS"
mkdir -p "$LOGS"
sh scripts/install-deps.sh
dotnet restore WifiBridgeAgents.sln
dotnet build WifiBridgeAgents.sln -c Release --no-restore -warnaserror

failed_suites=()
run() { # name, dotnet test arguments...
    local name=$1 started=$SECONDS; shift
    echo "=== $name"
    if ! dotnet test "$@" -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$LOGS/$name.log"; then
        failed_suites+=("$name")
    fi
    echo "=== $name took $((SECONDS - started)) s"
}

# Unit and integration tests of every project (real wpa_supplicant, nftables, network namespaces...).
run unit WifiBridgeAgents.sln --filter "Category!=Lab&Category!=EndToEnd"
# The lab guest (cached under /var/cache/wifibridge-lab, rebuilt when an input changes), then the
# two suites that boot it under QEMU (software emulation: one VM at a time).
bash guest-packaging/lab/build-lab-guest.sh
run lab tests/Lab.Tests --filter "Category=Lab"
run e2e tests/EndToEnd.Tests --filter "Category=EndToEnd"

# One closing line over all runs.
cat "$LOGS"/*.log | awk '
    /^ *Passed: *[0-9]+ *$/ { passed += $2 } /^ *Failed: *[0-9]+ *$/ { failed += $2 } /^ *Skipped: *[0-9]+ *$/ { skipped += $2 }
    END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }'
if [ ${#failed_suites[@]} -gt 0 ]; then
    echo "FAILED suites: ${failed_suites[*]} (logs: artifacts/test-logs/)"
    exit 1
fi
