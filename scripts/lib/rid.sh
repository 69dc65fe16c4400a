# Sourced by scripts/install.sh and scripts/bench.sh.
#   dotnet_rid   this machine's runtime identifier as the .NET SDK names it (linux-x64, osx-arm64, ...): the platform
#                devdbseed is packed or published for, compiled ahead of time (ReadyToRun, see src/DevDbSeed.Cli's project)
dotnet_rid() {
    local rid
    rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
    [[ -n $rid ]] || { echo "error: dotnet --info names no RID for this machine" >&2; return 1; }
    echo "$rid"
}
