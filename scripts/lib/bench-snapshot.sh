# Sourced by scripts/bench.sh --snapshot (uses its q, drop, sample, pipeline, measure, median, $bin, $base, $work, $jobs, $runs).
#   bench_snapshot USERS   the sample at USERS users, one masked run of it (bench_masked, which the run marks), then
#                          interleaved `snapshot create` / `pg_dump -Fc` of that copy and interleaved `snapshot restore`
#                          / createdb + `pg_restore -j` of the two files into new databases; prints its section of the report.
# The order of the two methods alternates from run to run, so that neither always follows the other.

bench_snapshot() {
    local users=$1 src t0 sample_s masked_s rows mb run first second m
    local snap=$work/masked.devdbseed dump=$work/masked.dump
    sample "$users"
    echo "== the masked copy (one run of rules/vca.yaml)" >&2
    cp rules/vca.yaml "$work/masked.yaml"
    pipeline "$work/masked-pipeline.yaml" bench_masked masked.yaml
    drop bench_masked bench_masked_previous
    t0=$(date +%s.%N)
    dotnet "$bin/devdbseed.dll" run "$work/masked-pipeline.yaml" >"$work/masked-run.log" 2>&1 || { tail -5 "$work/masked-run.log" >&2; exit 1; }
    masked_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    drop "$src"
    mb=$(q bench_masked "SELECT pg_database_size(current_database()) / 1048576")

    : >"$work/samples"
    for run in $(seq 1 "$runs"); do
        echo "== packaging, run $run/$runs at $users users" >&2
        first=create second=pg_dump; ((run % 2)) || { first=pg_dump second=create; }
        for m in $first $second; do
            case $m in
                create) rm -f "$snap"; measure create dotnet "$bin/devdbseed.dll" snapshot create --from "$base/bench_masked" --output "$snap" ;;
                pg_dump) rm -f "$dump"; measure pg_dump pg_dump -Fc -d "$base/bench_masked" -f "$dump" ;;
            esac
        done
        tail -2 "$work/samples" >&2
    done
    for run in $(seq 1 "$runs"); do
        echo "== restoring, run $run/$runs at $users users" >&2
        first=restore second=pg_restore; ((run % 2)) || { first=pg_restore second=restore; }
        for m in $first $second; do
            case $m in
                restore) drop bench_snap bench_snap_previous
                    measure restore dotnet "$bin/devdbseed.dll" snapshot restore "$snap" --target "$base/bench_snap" --jobs "$jobs" ;;
                pg_restore) drop bench_pgr
                    measure pg_restore bash -c "createdb --maintenance-db='$base/postgres' bench_pgr && pg_restore -j $jobs --no-owner --exit-on-error -d '$base/bench_pgr' '$dump'" ;;
            esac
        done
        tail -2 "$work/samples" >&2
    done
    # both restores hold the same rows
    local counts="SELECT string_agg(format('%s %s', relname, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I', schemaname, relname), false, true, '')))[1]::text), ' ' ORDER BY relname) FROM pg_stat_user_tables"
    [[ $(q bench_snap "$counts") == "$(q bench_pgr "$counts")" ]] || { echo "error: the two restores hold different rows" >&2; exit 1; }
    drop bench_masked bench_snap bench_snap_previous bench_pgr

    local size='{ printf "%.1f MB (%d bytes)", $1 / 1048576, $1 }'
    # the exact rows of the copy, as the manifest counts them: "snapshot F written: N tables, N rows, ..."
    rows=$(sed -n 's/.* tables, \([0-9,]*\) rows,.*/\1/p' "$work/create.log")
    {
        echo "## $users users: $rows rows, $mb MB masked copy (sample created in ${sample_s} s, masked run ${masked_s} s)"
        echo
        echo "Files: snapshot $(stat -c %s "$snap" | awk "$size"), \`pg_dump -Fc\` $(stat -c %s "$dump" | awk "$size")."
        echo
        echo "| method | wall s | ratio to pg_restore -j $jobs | peak RSS MB | client CPU s | server CPU s |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
        snapshot_rows pg_restore "createdb + \`pg_restore -j $jobs\` of the \`pg_dump -Fc\` file" restore "\`snapshot restore --jobs $jobs\` (check, restore, mark, swap)"
        echo
        echo "| method | wall s | ratio to pg_dump -Fc | peak RSS MB | client CPU s | server CPU s |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
        snapshot_rows pg_dump "\`pg_dump -Fc\`" create "\`snapshot create\` (mark, row counts, pg_dump, SHA-256, tar)"
        echo
        echo "All runs (method, wall s, client CPU s, server CPU s, peak RSS MB of the largest process):"
        echo
        sed 's/^/    /' "$work/samples"
        echo
    } | tee -a "$report"
}

# snapshot_rows BASE LABEL OTHER LABEL: the two table rows, medians, the ratio to BASE
snapshot_rows() {
    local base_w m label
    base_w=$(median "$1" 2)
    for m in "$1" "$3"; do
        [[ $m == "$1" ]] && label=$2 || label=$4
        awk -v l="$label" -v w="$(median "$m" 2)" -v b="$base_w" -v rss="$(median "$m" 5)" -v c="$(median "$m" 3)" -v s="$(median "$m" 4)" \
            -v bold="$([[ $m == "$1" ]] || echo '**')" \
            'BEGIN { printf "| %s | %.1f | %s%.2f%s | %s | %.1f | %.1f |\n", l, w, bold, w / b, bold, rss, c, s }'
    done
}
