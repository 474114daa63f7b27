#!/bin/sh
# CliBench on .NET 9, the runtime FreeBSD ships (lang/dotnet), with wbhost as the package ships it:
# .NET 9 ReadyToRun images, here compiled for Linux (the package's are for FreeBSD, which a Linux runtime
# refuses; same compiler, same IL, another target OS). The machine's own dotnet may be newer, and a
# runtime of another major version ignores .NET 9 ReadyToRun code, so this lays out a .NET 9 shared
# runtime from the runtime pack that NuGet restores for the ReadyToRun publish (the same files as the
# shared framework, plus the framework deps.json and runtimeconfig.json the host needs, written here),
# then measures on it both the ReadyToRun CLI and the IL build, each against the empty program on the
# same runtime.
#
# usage: sh bench/CliBench/run-net9.sh [CliBench options, e.g. --runs 10]
# Needs: dotnet build WifiBridgeAgents.sln -c Release (CliBench, wbhostd and the IL CLI).
# Output: the two CliBench tables; files under artifacts/clibench/.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/artifacts/clibench"
CLI="$OUT/wbhost-r2r-linux"
RUNTIME="$OUT/dotnet9"
rm -rf "$CLI" "$RUNTIME"
mkdir -p "$OUT"

set -- --idle-seconds 0 "$@"
r2r_flags="-p:Configuration=Release -p:RuntimeIdentifier=linux-x64 -p:SelfContained=false -p:PublishReadyToRun=true"
# shellcheck disable=SC2086 # r2r_flags is a list of words
dotnet publish "$ROOT/src/Wbhost" $r2r_flags -p:UseAppHost=false --nologo -v quiet -o "$CLI"
# The package keeps the IL build's RID-neutral deps.json (host-packaging/freebsd/make-package.sh): so does this.
cp "$ROOT/src/Wbhost/bin/Release/net9.0/wbhost.deps.json" "$CLI/"

# shellcheck disable=SC2086
pack=$(dotnet msbuild "$ROOT/src/Wbhost/WifiBridge.Cli.csproj" -nologo $r2r_flags -t:ResolveFrameworkReferences \
	-getItem:ResolvedRuntimePack | awk '
	/"Identity": "Microsoft.NETCore.App.Runtime.linux-x64"/ { found = 1 }
	found && /"PackageDirectory"/ { sub(/^[^:]*: *"/, ""); sub(/",?$/, ""); print; exit }')
version=${pack##*/}
case $version in
	9.*) ;;
	*) echo "run-net9.sh: no .NET 9 runtime pack found (got '$pack')" >&2; exit 1 ;;
esac
host=$(dirname "$(readlink -f "$(command -v dotnet)")")/dotnet
framework="$RUNTIME/shared/Microsoft.NETCore.App/$version"
mkdir -p "$RUNTIME/host/fxr/$version" "$framework"
cp "$host" "$RUNTIME/dotnet"
cp "$pack/runtimes/linux-x64/native/libhostfxr.so" "$RUNTIME/host/fxr/$version/"
cp "$pack/runtimes/linux-x64/lib/net9.0/"*.dll "$framework/"
for file in "$pack/runtimes/linux-x64/native/"*; do
	[ "${file##*/}" = libhostfxr.so ] || cp "$file" "$framework/"
done
printf '{ "runtimeOptions": { "tfm": "net9.0" } }\n' > "$framework/Microsoft.NETCore.App.runtimeconfig.json"
assets() { # glob: a JSON object with an empty entry per file of the framework folder that matches
	first=yes
	for file in "$framework"/$1; do
		[ "$first" = yes ] && first=no || printf ',\n'
		printf '          "%s": {}' "${file##*/}"
	done
}
{
	printf '{\n  "runtimeTarget": { "name": ".NETCoreApp,Version=v9.0/linux-x64", "signature": "" },\n'
	printf '  "compilationOptions": {},\n  "targets": {\n    ".NETCoreApp,Version=v9.0": {},\n'
	printf '    ".NETCoreApp,Version=v9.0/linux-x64": {\n      "Microsoft.NETCore.App.Runtime.linux-x64/%s": {\n' "$version"
	printf '        "runtime": {\n%s\n        },\n' "$(assets '*.dll')"
	printf '        "native": {\n%s\n        }\n' "$(assets '*.so')"
	printf '      }\n    }\n  },\n  "libraries": {\n'
	printf '    "Microsoft.NETCore.App.Runtime.linux-x64/%s": { "type": "package", "serviceable": true, "sha512": "" }\n' "$version"
	printf '  }\n}\n'
} > "$framework/Microsoft.NETCore.App.deps.json"
echo "run-net9.sh: .NET $version from $pack in $RUNTIME"

echo
echo "== .NET $version, wbhost as ReadyToRun images for Linux"
dotnet run -c Release --no-build --project "$ROOT/bench/CliBench" -- --dotnet "$RUNTIME/dotnet" --cli "$CLI/wbhost.dll" "$@"
echo
echo "== .NET $version, wbhost as IL only (the build output)"
WB_FIGURES='' dotnet run -c Release --no-build --project "$ROOT/bench/CliBench" -- --dotnet "$RUNTIME/dotnet" "$@"
