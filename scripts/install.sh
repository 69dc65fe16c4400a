#!/usr/bin/env bash
# Installs devdbseed from this clone as a .NET tool (there is no public feed): packs src/DevDbSeed.Cli for this
# machine's platform, compiled ahead of time (ReadyToRun), into artifacts/tool (DevDbSeed.Tool.<version>.nupkg, which
# points to DevDbSeed.Tool.<rid>.<version>.nupkg), then installs it, replacing an installed one (even of the same
# version: the clone may have changed since), with that folder as the only package source, so no package of the same
# name from elsewhere can stand in for it. devdbseed --version ends with the commit it was built from.
#   scripts/install.sh [--tool-path DIR]    default: --global (the command lands in ~/.dotnet/tools, which must be on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/rid.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

where=(--global)
while (($#)); do
    case $1 in
        --tool-path) where=(--tool-path "$(realpath -m "$2")"); shift 2 ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [--tool-path DIR]" >&2; exit 2 ;;
    esac
done

out=artifacts/tool
rm -rf "$out"
rid=$(dotnet_rid)
dotnet pack src/DevDbSeed.Cli -c Release -o "$out" -nologo -v quiet -p:RuntimeIdentifiers="$rid"
package=$(find "$out" -maxdepth 1 -name 'DevDbSeed.Tool.[0-9]*.nupkg' | head -1)
[[ -n $package ]] || { echo "error: dotnet pack made no DevDbSeed.Tool package in $out" >&2; exit 1; }
version=$(basename "$package" .nupkg) version=${version#DevDbSeed.Tool.}

config=$(mktemp "${TMPDIR:-/tmp}/devdbseed-nuget.XXXXXX.config")
printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n' >"$config"
install() { dotnet tool install "$@" DevDbSeed.Tool --add-source "$out" --version "$version" --configfile "$config"; }
# dotnet tool update keeps an installed tool of the same version, so the installed one is replaced: first the new
# package is installed into a scratch tool path and run, so that a package that does not install or start never
# takes the place of a working command (a nightly job depends on it)
trial=$(mktemp -d "${TMPDIR:-/tmp}/devdbseed-tool.XXXXXX")
trap 'rm -f "$config"; rm -rf "$trial"' EXIT
install --tool-path "$trial" >/dev/null
"$trial/devdbseed" --version >/dev/null || { echo "error: the packed devdbseed does not start; the installed one is kept" >&2; exit 1; }
dotnet tool uninstall "${where[@]}" DevDbSeed.Tool >/dev/null 2>&1 || true
install "${where[@]}"
