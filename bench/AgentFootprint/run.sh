#!/bin/sh
# Publishes wbguest and the empty baseline as static native-AOT binaries, then runs the
# footprint benchmark (root: it creates a veth pair and runs the real wpa_supplicant on it).
set -eu
cd "$(dirname "$0")/../.."
OUT=${WB_BENCH_OUT:-/tmp/wb-agent-footprint}
AOT="-c Release -r linux-x64 -p:StaticExecutable=true -p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld"
# shellcheck disable=SC2086
dotnet publish src/GuestAgent $AOT -o "$OUT/agent" >/dev/null
# shellcheck disable=SC2086
dotnet publish bench/AgentFootprint/EmptyAot/EmptyAot.csproj $AOT -o "$OUT/empty" >/dev/null
dotnet run -c Release --project bench/AgentFootprint -- --agent "$OUT/agent/wbguest" --baseline "$OUT/empty/EmptyAot" "$@"
