#!/usr/bin/env bash
# Pipeline benchmark: the masked run against the DBA copy (pg_dump -Fc -Z0 | pg_restore), against the copier DBAs reach
# for when speed matters (pgcopydb clone, same jobs for tables and indexes; installed from the Debian package when
# missing) and against the raw copy (the same pipeline with every table `keep`), on the Vibe Code Academy sample at one
# or more scales.
# Interleaved, median of --runs; wall time, ratios, rows/s, MB/s, devdbseed's peak RSS, client and server CPU-seconds.
# Prints a table and writes it to tests/DevDbSeed.Benchmarks/results/<date>-pipeline.md.
#   scripts/bench.sh [--users 100000,300000,1000000] [--runs 3] [--jobs 2]
# --snapshot: the masked copy packaged and restored instead (scripts/lib/bench-snapshot.sh): `snapshot restore --jobs 2`
# against createdb + `pg_restore -j 2` of a `pg_dump -Fc` of the same copy, `snapshot create` against `pg_dump -Fc`;
# written to <date>-snapshot.md. The 1 M-user figure: scripts/bench.sh --snapshot --users 1000000 --runs 3
# --subset: the 5 % subset pipelines/local-refresh.yaml takes against the full masked copy (scripts/lib/bench-subset.sh);
# written to <date>-subset.md. The 1 M-user figure: scripts/bench.sh --subset --users 1000000 --runs 3
# Uses a disposable server from the local binaries (or DEVDBSEED_BENCH_PG, a superuser URI on this machine).
# The engine's own benchmark: dotnet run -c Release --project tests/DevDbSeed.Benchmarks -- --filter '*'
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/postgres.sh
source scripts/lib/rid.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

scales=1000000 runs=3 jobs=2 mode=pipeline
while (($#)); do
    case $1 in
        --users) scales=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --snapshot) mode=snapshot; shift ;;
        --subset) mode=subset; shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [--snapshot | --subset] [--users N[,N...]] [--runs N] [--jobs N]" >&2; exit 2 ;;
    esac
done
# need PROGRAM PACKAGE: installs the Debian package when the program is missing (as root), else says how
need() {
    command -v "$1" >/dev/null && return
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "== installing $2 (apt-get install -y $2)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
    fi
    command -v "$1" >/dev/null || { echo "error: $1 is needed: sudo apt-get install -y $2" >&2; exit 1; }
}
need /usr/bin/time time
[[ $mode != pipeline ]] || need pgcopydb pgcopydb

echo "== building devdbseed (Release)" >&2
bin=$(mktemp -d "${TMPDIR:-/tmp}/devdbseed-bench.XXXXXX")
# as scripts/install.sh installs it: for this machine's platform, compiled ahead of time (ReadyToRun)
dotnet publish src/DevDbSeed.Cli -c Release -r "$(dotnet_rid)" --self-contained false -o "$bin" -v quiet -nologo >/dev/null

if [[ -n ${DEVDBSEED_BENCH_PG:-} ]]; then
    base=${DEVDBSEED_BENCH_PG%/*}
    pgdata=$(psql -X -At -d "$DEVDBSEED_BENCH_PG" -c 'show data_directory')
else
    pg_start_disposable
    base="postgresql://postgres@127.0.0.1:$PGPORT"
    pgdata=$PG_DISPOSABLE_DIR/data
fi
postmaster=$(head -1 "$pgdata/postmaster.pid")
ticks=$(getconf CLK_TCK)
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$base/$1" -c "$2"; }
# server_cpu: seconds of CPU the cluster used so far (postmaster and its reaped backends)
server_cpu() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15 + $16 + $17) / t }' "/proc/$postmaster/stat"; }
# settle N: waits (up to 10 s) until the cluster has no more than N processes, so that the backends of a finished
# run are reaped and their CPU counted (a client that exits does not wait for its backend to end)
settle() { local i; for i in $(seq 100); do (($(pgrep -c -P "$postmaster") <= $1)) && return; sleep 0.1; done; }
drop() { for d in "$@"; do q postgres "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" >/dev/null; done; }

work=$(mktemp -d "${TMPDIR:-/tmp}/devdbseed-bench-work.XXXXXX")
trap 'rm -rf "$bin" "$work"; pg_stop_disposable' EXIT
machine="$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, PostgreSQL $(q postgres 'show server_version' | awk '{print $1}')"
date=$(date -u +%Y-%m-%d)
out_dir=tests/DevDbSeed.Benchmarks/results
mkdir -p "$out_dir"
report=$out_dir/$date-$mode.md
{
    echo "# ${mode^} benchmark, $date"
    echo
    echo "Machine: $machine. Source and target on the same server; \`--jobs $jobs\`; median of $runs interleaved runs."
    echo "Command: \`scripts/bench.sh$([[ $mode == pipeline ]] || echo " --$mode") --users $scales --runs $runs --jobs $jobs\` (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))."
    echo
} >"$report"

# measure NAME COMMAND...: one timed run; appends "name wall client_cpu server_cpu rss_mb" to $work/samples
measure() {
    local name=$1 t0 t1 s0 s1 stats idle; shift
    idle=$(pgrep -c -P "$postmaster"); s0=$(server_cpu); t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >"$work/$name.log" 2>&1 || { echo "error: $name failed:" >&2; tail -5 "$work/$name.log" >&2; exit 1; }
    t1=$(date +%s.%N); settle "$idle"; s1=$(server_cpu)
    stats=$(cat "$work/time" | tail -1)
    awk -v n="$name" -v a="$t0" -v b="$t1" -v s0="$s0" -v s1="$s1" -v st="$stats" \
        'BEGIN { split(st, x, " "); printf "%s %.2f %.2f %.2f %.0f\n", n, b - a, x[1] + x[2], s1 - s0, x[3] / 1024 }' >>"$work/samples"
}
# sample USERS: the Vibe Code Academy sample at USERS users in bench_src_USERS; sets src, sample_s (seconds), rows and mb
sample() {
    local t0
    src=bench_src_$1
    echo "== sample: $1 users" >&2
    t0=$(date +%s.%N)
    dotnet "$bin/devdbseed.dll" sample create --target "$base/$src" --users "$1" --replace >&2
    sample_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    rows=$(q "$src" "SELECT sum(n_live_tup) FROM pg_stat_user_tables")
    mb=$(q "$src" "SELECT pg_database_size(current_database()) / 1048576")
}
# pipeline FILE TARGET RULES: a pipeline from $src to the database TARGET with the rules file RULES (next to FILE)
pipeline() { printf 'source: %s\ntarget: %s\nrules: %s\nsecret: bench-secret\njobs: %s\n' "$base/$src" "$base/$2" "$3" "$jobs" >"$1"; }
# median NAME FIELD: the median of one field of NAME's samples
median() { awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$work/samples" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [[ $mode != pipeline ]]; then
    source "scripts/lib/bench-$mode.sh"
    for users in ${scales//,/ }; do "bench_$mode" "$users"; done
    echo "written: $report" >&2
    exit 0
fi

for users in ${scales//,/ }; do
    sample "$users"
    # the raw copy: the same pipeline with every table keep
    { echo "version: 1"; echo "tables:"
      q "$src" "SELECT '  ' || n.nspname || '.' || c.relname || ': keep' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r','p') AND NOT c.relispartition AND n.nspname = 'public' ORDER BY 1"; } >"$work/keep.yaml"
    cp rules/vca.yaml "$work/masked.yaml"
    for kind in keep masked; do
        pipeline "$work/$kind-pipeline.yaml" "bench_$kind" "$kind.yaml"
    done
    : >"$work/samples"
    for run in $(seq 1 "$runs"); do
        echo "== run $run/$runs at $users users" >&2
        # each copy is dropped once measured: the disk holds the source and one copy at a time (10 M users: 2 × 23 GB)
        drop bench_dump bench_pgcopydb bench_keep bench_masked; q postgres "CREATE DATABASE bench_dump" >/dev/null
        measure dump bash -c "pg_dump -Fc -Z0 -d '$base/$src' | pg_restore -d '$base/bench_dump'"
        drop bench_dump
        q postgres "CREATE DATABASE bench_pgcopydb" >/dev/null; rm -rf "$work/pgcopydb"
        measure pgcopydb pgcopydb clone --source "$base/$src" --target "$base/bench_pgcopydb" --table-jobs "$jobs" --index-jobs "$jobs" \
            --dir "$work/pgcopydb"
        drop bench_pgcopydb
        measure keep dotnet "$bin/devdbseed.dll" run "$work/keep-pipeline.yaml"
        drop bench_keep
        measure masked dotnet "$bin/devdbseed.dll" run "$work/masked-pipeline.yaml"
        drop bench_masked
        tail -4 "$work/samples" >&2
    done
    dump=$(median dump 2) pgcopydb=$(median pgcopydb 2) keep=$(median keep 2)
    {
        echo "## $users users: $rows rows, $mb MB (sample created in ${sample_s} s)"
        echo
        echo "| method | wall s | ratio to pg_dump\|pg_restore | ratio to pgcopydb | ratio to raw copy | rows/s | MB/s | peak RSS MB | client CPU s | server CPU s |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for m in dump pgcopydb keep masked; do
            case $m in
                dump) label='pg_dump -Fc -Z0 \| pg_restore' ;;
                pgcopydb) label="pgcopydb clone --table-jobs $jobs --index-jobs $jobs" ;;
                keep) label='raw copy (every table keep)' ;;
                masked) label='masked (rules/vca.yaml)' ;;
            esac
            w=$(median "$m" 2)
            awk -v l="$label" -v w="$w" -v d="$dump" -v p="$pgcopydb" -v k="$keep" -v r="$rows" -v mb="$mb" -v rss="$(median "$m" 5)" -v c="$(median "$m" 3)" -v s="$(median "$m" 4)" \
                -v own="$([[ $m == keep || $m == masked ]] && echo 1)" \
                'BEGIN { printf "| %s | %.1f | %.2f | %.2f | %.2f | %.0f | %.1f | %s | %.1f | %.1f |\n", l, w, w / d, w / p, w / k, r / w, mb / w, (own ? rss : "n/a"), c, s }'
        done
        echo
        echo "All runs (method, wall s, client CPU s, server CPU s, peak RSS MB):"
        echo
        sed 's/^/    /' "$work/samples"
        echo
    } | tee -a "$report"
done
echo "written: $report" >&2
