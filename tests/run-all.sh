#!/bin/bash
# Runs every test: unit and integration tests of all projects, then the lab tests.
# Installs what it needs (Debian packages, NuGet restore, the lab kernel). Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
sh scripts/install-deps.sh
dotnet restore WifiBridgeAgents.sln
dotnet build WifiBridgeAgents.sln -c Release --no-restore -warnaserror
dotnet test WifiBridgeAgents.sln -c Release --no-build --filter "Category!=Lab" --logger "console;verbosity=normal" 2>&1 | tee "$ROOT/artifacts-test.log"
# The lab (guest-packaging/lab/README.md): build the guest (apt-get download of Debian packages,
# static AOT agent; cached in /var/cache/wifibridge-lab), then boot it under QEMU and test it.
bash guest-packaging/lab/build-lab-guest.sh
dotnet test tests/Lab.Tests -c Release --no-build --filter "Category=Lab" --logger "console;verbosity=normal" 2>&1 | tee "$ROOT/artifacts-lab-test.log"
