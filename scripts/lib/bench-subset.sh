# Sourced by scripts/bench.sh --subset (uses its q, drop, sample, pipeline, measure, median, $bin, $base, $work, $jobs, $runs).
#   bench_subset USERS   the sample at USERS users, then interleaved runs of the full masked copy and of the 5 % subset
#                        pipelines/local-refresh.yaml takes (users id % 20 = 0, courses whole), both with rules/vca.yaml,
#                        from the same source; prints its section of the report (the issue's target: at most 15 %).
# The order of the two alternates from run to run, so that neither always follows the other.

bench_subset() {
    local users=$1 src sample_s rows mb run first second m subset_rows
    sample "$users"
    cp rules/vca.yaml "$work/masked.yaml"
    pipeline "$work/full-pipeline.yaml" bench_full masked.yaml
    pipeline "$work/subset-pipeline.yaml" bench_subset masked.yaml
    sed -n '/^subset:/,$p' pipelines/local-refresh.yaml >>"$work/subset-pipeline.yaml"

    : >"$work/samples"
    for run in $(seq 1 "$runs"); do
        echo "== run $run/$runs at $users users" >&2
        first=full second=subset; ((run % 2)) || { first=subset second=full; }
        for m in $first $second; do
            drop "bench_$m" "bench_${m}_previous"
            measure "$m" dotnet "$bin/devdbseed.dll" run "$work/$m-pipeline.yaml"
        done
        tail -2 "$work/samples" >&2
    done
    subset_rows=$(sed -n 's/.*summary: [0-9,]* tables, \([0-9,]*\) rows.*/\1/p' "$work/subset.log")
    local line
    line=$(grep -o 'subset: [0-9,]* rows chosen.*' "$work/subset.log" || true)
    local steps_full steps_subset
    steps_full=$(grep -o '^steps: .*' "$work/full.log" || true)
    steps_subset=$(grep -o '^steps: .*' "$work/subset.log" || true)
    drop "$src" bench_full bench_full_previous bench_subset bench_subset_previous
    {
        echo "## $users users: $rows rows, $mb MB (sample created in ${sample_s} s); the subset copies $subset_rows rows"
        echo
        echo "| method | wall s | ratio to the full copy | peak RSS MB | client CPU s | server CPU s |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
        local base_w label
        base_w=$(median full 2)
        for m in full subset; do
            [[ $m == full ]] && label='full masked copy (rules/vca.yaml)' || label='5 % subset (pipelines/local-refresh.yaml)'
            awk -v l="$label" -v w="$(median "$m" 2)" -v b="$base_w" -v rss="$(median "$m" 5)" -v c="$(median "$m" 3)" -v s="$(median "$m" 4)" \
                -v bold="$([[ $m == full ]] || echo '**')" \
                'BEGIN { printf "| %s | %.1f | %s%.2f%s | %s | %.1f | %.1f |\n", l, w, bold, w / b, bold, rss, c, s }'
        done
        echo
        echo "The last subset run: \`$line\`; its $steps_subset. The last full run's $steps_full."
        echo
        echo "All runs (method, wall s, client CPU s, server CPU s, peak RSS MB):"
        echo
        sed 's/^/    /' "$work/samples"
        echo
    } | tee -a "$report"
}
