#!/bin/bash
# The lab tests alone (issue 3/4/5): build the lab guest from Debian packages and boot it under QEMU. Part of tests/run-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
dotnet build tests/Lab.Tests -c Release
bash guest-packaging/lab/build-lab-guest.sh
dotnet test tests/Lab.Tests -c Release --no-build --filter "Category=Lab" --logger "console;verbosity=normal"
