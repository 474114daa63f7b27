#!/bin/bash
# The end-to-end tests alone (issue 7): the whole product in the lab. Part of tests/run-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
dotnet build tests/EndToEnd.Tests -c Release
bash guest-packaging/lab/build-lab-guest.sh
dotnet test tests/EndToEnd.Tests -c Release --no-build --filter "Category=EndToEnd" --logger "console;verbosity=normal"
