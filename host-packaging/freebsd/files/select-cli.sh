#!/bin/sh
# Chooses which build of the wbhost CLI /usr/local/bin/wbhost runs. Run by pkg(8) after install
# and upgrade (the @postexec line of pkg-plist); run it again by hand after changing the dotnet package.
#
# The CLI ships twice: libexec/wbhost/cli holds ReadyToRun images compiled for FreeBSD (starts
# fastest), libexec/wbhost/cli-il the same assemblies as plain IL. A runtime refuses a
# ReadyToRun image built for another OS outright (BadImageFormatException), so if this
# system's .NET cannot run the first, wbhost must use the second: this script tries both once
# and leaves the marker file cli-il/.selected when only the IL build runs.
#
# Usage: select-cli [PREFIX]   (default: $PKG_PREFIX, else /usr/local; DOTNET overrides the runtime)
PREFIX=${1:-${PKG_PREFIX:-/usr/local}}
DOTNET=${DOTNET:-/usr/local/bin/dotnet}
lib=$PREFIX/libexec/wbhost
marker=$lib/cli-il/.selected
rm -f "$marker"
if "$DOTNET" "$lib/cli/wbhost.dll" --version >/dev/null 2>&1; then
	exit 0
fi
if "$DOTNET" "$lib/cli-il/wbhost.dll" --version >/dev/null 2>&1; then
	: > "$marker"
	echo "wbhost: this .NET does not run the CLI's FreeBSD ReadyToRun images; wbhost uses its IL build (same commands, a slower start)" >&2
	exit 0
fi
# Never fail the installation: wbhost itself says what is missing when it is run.
echo "wbhost: neither build of the CLI runs with $DOTNET; install .NET with: pkg install dotnet, then run: $lib/select-cli" >&2
exit 0
