#!/bin/bash
# Runs every test: unit and integration tests of all projects, then the lab tests.
# Installs what it needs (Debian packages, NuGet restore, the lab kernel). Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
sh scripts/install-deps.sh
dotnet restore WifiBridgeAgents.sln
dotnet build WifiBridgeAgents.sln -c Release --no-restore -warnaserror
dotnet test WifiBridgeAgents.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$ROOT/artifacts-test.log"
