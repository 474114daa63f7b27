#!/bin/sh
# wbhost(8): the WifiBridge command line, a framework-dependent .NET program run by
# FreeBSD's dotnet (pkg install dotnet). Installed as /usr/local/bin/wbhost.
# It runs the ReadyToRun build of the CLI, or the IL build when select-cli (run at
# installation) found that this .NET refuses the ReadyToRun images.
DOTNET=${DOTNET:-/usr/local/bin/dotnet}
LIB=${WBHOST_LIBEXEC:-/usr/local/libexec/wbhost}
if [ ! -x "$DOTNET" ]; then
	echo "wbhost: $DOTNET not found; install .NET with: pkg install dotnet" >&2
	exit 1
fi
cli=$LIB/cli
if [ -e "$LIB/cli-il/.selected" ]; then
	cli=$LIB/cli-il
fi
exec "$DOTNET" "$cli/wbhost.dll" "$@"
