#!/bin/sh
# wbhost(8): the WifiBridge command line, a framework-dependent .NET program run by
# FreeBSD's dotnet (pkg install dotnet). Installed as /usr/local/bin/wbhost.
DOTNET=${DOTNET:-/usr/local/bin/dotnet}
if [ ! -x "$DOTNET" ]; then
	echo "wbhost: $DOTNET not found; install .NET with: pkg install dotnet" >&2
	exit 1
fi
exec "$DOTNET" /usr/local/libexec/wbhost/cli/wbhost.dll "$@"
