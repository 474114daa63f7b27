#!/bin/sh
# wbhostd(8): the WifiBridge host controller, a framework-dependent .NET program run by
# FreeBSD's dotnet (pkg install dotnet). Installed as /usr/local/sbin/wbhostd.
DOTNET=${DOTNET:-/usr/local/bin/dotnet}
if [ ! -x "$DOTNET" ]; then
	echo "wbhostd: $DOTNET not found; install .NET with: pkg install dotnet" >&2
	exit 1
fi
# The daemon runs as root and needs no per-user .NET state.
DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 export DOTNET_CLI_TELEMETRY_OPTOUT DOTNET_NOLOGO
exec "$DOTNET" /usr/local/libexec/wbhost/daemon/wbhostd.dll "$@"
