#!/bin/sh
# Stages the WifiBridge host package (wbhost CLI + wbhostd, framework-dependent .NET 9)
# under the layout of pkg-plist, checks the staged files against pkg-plist exactly, and on
# FreeBSD creates the package with pkg-create(8).
#
# usage: host-packaging/freebsd/make-package.sh [--stage DIR] [--out DIR]
#            [--configuration Release|Debug] [--no-build] [--guest-image IMG] [--stage-only]
#
# --guest-image: the Alpine guest disk image (share/wbhost/wifibridge-guest.img); needed for
# a package, optional with --stage-only (then that one plist line is not checked).
# --no-build: publish the builds there are; the CLI's FreeBSD ReadyToRun images are compiled all the same.
# The CLI's ReadyToRun images need .NET 9's crossgen2 for the build host, which NuGet serves for linux-x64
# and not for FreeBSD: elsewhere the CLI is staged as IL only (a warning says so). For the ReadyToRun CLI
# in a package, stage on Linux x64 (--stage DIR --stage-only), then on FreeBSD:
#   pkg create -M host-packaging/freebsd/+MANIFEST -p host-packaging/freebsd/pkg-plist -r DIR -o OUT
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STAGE=""
OUT="$ROOT/artifacts/pkg"
CONFIGURATION=Release
BUILD_FLAG=""
GUEST_IMAGE=""
STAGE_ONLY=no

while [ $# -gt 0 ]; do
	case $1 in
		--stage) STAGE=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--configuration) CONFIGURATION=$2; shift 2 ;;
		--no-build) BUILD_FLAG="--no-build"; shift ;;
		--guest-image) GUEST_IMAGE=$2; shift 2 ;;
		--stage-only) STAGE_ONLY=yes; shift ;;
		-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
		*) echo "make-package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done

if [ -z "$GUEST_IMAGE" ] && [ "$STAGE_ONLY" = no ]; then
	echo "make-package.sh: --guest-image IMG is required to build a package (or use --stage-only)" >&2
	exit 2
fi
if [ -z "$STAGE" ]; then
	STAGE=$(mktemp -d "${TMPDIR:-/tmp}/wbhost-stage.XXXXXX")
fi
PREFIX="$STAGE/usr/local"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"

publish() { # project output-dir
	# Framework-dependent, no apphost: FreeBSD has no .NET apphost on NuGet; the sh wrappers run dotnet.
	dotnet publish "$ROOT/$1" -c "$CONFIGURATION" $BUILD_FLAG --nologo -v quiet \
		-p:UseAppHost=false -p:GenerateDocumentationFile=false -o "$2"
	# Debug symbols, IIS config and static-web-asset manifests have no use on FreeBSD.
	rm -f "$2"/*.pdb "$2/web.config" "$2"/*.staticwebassets.endpoints.json
}

# The CLI's managed assemblies as FreeBSD ReadyToRun images (.NET 9's crossgen2, see src/Wbhost/WifiBridge.Cli.csproj):
# a one-shot `wbhost status` then JIT-compiles a dozen methods instead of ~200. The IL stays in the images, but a
# runtime refuses an image whose PE Machine field is another OS's (BadImageFormatException), so these files run only
# on FreeBSD: everything run here at staging time uses the IL build. The deps.json stays the IL publish's
# (RID-neutral, as before); only the .dll files are replaced.
readytorun_cli() { # output-dir (an IL publish of the CLI)
	r2r=$(mktemp -d "${TMPDIR:-/tmp}/wbhost-r2r.XXXXXX")
	dotnet publish "$ROOT/src/Wbhost" -c "$CONFIGURATION" --nologo -v quiet -r linux-x64 -p:SelfContained=false \
		-p:UseAppHost=false -p:GenerateDocumentationFile=false -p:PublishReadyToRun=true -p:ReadyToRunTargetOS=freebsd -o "$r2r"
	for dll in "$1"/*.dll; do
		if [ ! -f "$r2r/${dll##*/}" ]; then
			echo "make-package.sh: the ReadyToRun publish has no ${dll##*/}" >&2
			rm -rf "$r2r"
			exit 1
		fi
		cp "$r2r/${dll##*/}" "$dll"
	done
	rm -rf "$r2r"
}

publish src/Wbhost "$PREFIX/libexec/wbhost/cli"
publish src/HostController "$PREFIX/libexec/wbhost/daemon"
completion=$(mktemp)
dotnet "$PREFIX/libexec/wbhost/cli/wbhost.dll" completion bash > "$completion"
# The IL build stays staged beside the ReadyToRun one: select-cli (run by pkg after installing) picks it
# if FreeBSD's runtime refuses the ReadyToRun images.
cp -R "$PREFIX/libexec/wbhost/cli" "$PREFIX/libexec/wbhost/cli-il"
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
	readytorun_cli "$PREFIX/libexec/wbhost/cli"
else
	echo "make-package.sh: warning: the CLI is staged as IL only (no crossgen2 for $(uname -s)-$(uname -m) on NuGet);" \
		"stage on Linux x64 for its ReadyToRun images (see --help)" >&2
fi

install -d "$PREFIX/bin" "$PREFIX/sbin" "$PREFIX/etc/rc.d" "$PREFIX/etc/wbhost" "$PREFIX/share/man/man8" \
	"$PREFIX/share/doc/wbhost" "$PREFIX/share/bash-completion/completions" "$PREFIX/share/wbhost"
install -m 0555 "$HERE/files/wbhost.sh" "$PREFIX/bin/wbhost"
install -m 0555 "$HERE/files/wbhostd.sh" "$PREFIX/sbin/wbhostd"
install -m 0555 "$HERE/files/select-cli.sh" "$PREFIX/libexec/wbhost/select-cli"
install -m 0555 "$HERE/rc.d/wbhost" "$PREFIX/etc/rc.d/wbhost"
install -m 0444 "$HERE/man/wbhost.8" "$HERE/man/wbhostd.8" "$PREFIX/share/man/man8/"
install -m 0444 "$HERE/INSTALL.md" "$PREFIX/share/doc/wbhost/INSTALL.md"
install -m 0644 "$ROOT/src/HostController/wbhostd.conf.sample" "$PREFIX/etc/wbhost/wbhostd.conf.sample"
install -m 0644 "$completion" "$PREFIX/share/bash-completion/completions/wbhost"
rm -f "$completion"
if [ -n "$GUEST_IMAGE" ]; then
	install -m 0444 "$GUEST_IMAGE" "$PREFIX/share/wbhost/wifibridge-guest.img"
fi

# The staged files must be exactly the files of pkg-plist (keywords: @sample X.sample -> X.sample).
expected=$(mktemp)
staged=$(mktemp)
trap 'rm -f "$expected" "$staged"' EXIT
sed -n -e '/^@sample/{' -e 's/^@sample[^ ]* \([^ ]*\).*/\1/p' -e 'd' -e '}' -e '/^[^@]/p' "$HERE/pkg-plist" | sort > "$expected"
if [ -z "$GUEST_IMAGE" ]; then
	grep -v '^share/wbhost/wifibridge-guest.img$' "$expected" > "$expected.tmp" && mv "$expected.tmp" "$expected"
fi
(cd "$PREFIX" && find . -type f | sed 's|^\./||' | sort) > "$staged"
if ! diff -u "$expected" "$staged" > "$staged.diff"; then
	echo "make-package.sh: the staged files differ from host-packaging/freebsd/pkg-plist" >&2
	echo "  (- only in pkg-plist, + only staged: add or remove those lines in pkg-plist)" >&2
	sed -n '3,$p' "$staged.diff" | grep '^[-+]' >&2
	rm -f "$staged.diff"
	exit 1
fi
rm -f "$staged.diff"
echo "staged in $STAGE: $(wc -l < "$staged" | tr -d ' ') files, matching pkg-plist"

if [ "$STAGE_ONLY" = yes ]; then
	exit 0
fi
if ! command -v pkg >/dev/null 2>&1; then
	echo "make-package.sh: pkg(8) not found: create the package on FreeBSD (the staging is verified)" >&2
	exit 1
fi
mkdir -p "$OUT"
pkg create -M "$HERE/+MANIFEST" -p "$HERE/pkg-plist" -r "$STAGE" -o "$OUT"
echo "package written to $OUT"
