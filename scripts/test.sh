#!/usr/bin/env bash
# The whole test suite, as CI runs it: a disposable PostgreSQL from this machine's binaries (or the server in
# DEVDBSEED_TEST_PG), then `dotnet test`. Ends with "N passed, N failed"; fails when a test failed, was skipped or
# none ran.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter Uniqueness]
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The HTML report test opens the report in a real browser (headless Chromium).
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "[tests] installing Chromium for the HTML report test (apt-get install -y chromium)" >&2
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }; } >/dev/null 2>&1 \
            || echo "[tests] could not install Chromium: the HTML report test will say how" >&2
    else
        echo "[tests] no Chromium: the HTML report test will fail; install it with: sudo apt-get install -y chromium" >&2
    fi
fi

if [[ -n ${DEVDBSEED_TEST_PG:-} ]]; then
    echo "[tests] using DEVDBSEED_TEST_PG" >&2
else
    pg_start_disposable || exit 1
fi

results=$(mktemp -d "${TMPDIR:-/tmp}/devdbseed-results.XXXXXX")
dotnet test DevDbSeed.sln -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

# Counters of each TRX file (one per test project). A skipped test (xunit Skip, or not run at all) fails the suite:
# the TRX logger reports it as a result with outcome="NotExecuted" and leaves it out of "executed", while its
# notExecuted counter may stay 0, so the largest of the three counts is taken.
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
    [[ -f $trx ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(counter passed "$counters") f=$(counter failed "$counters")
    total=$(counter total "$counters") executed=$(counter executed "$counters") not_executed=$(counter notExecuted "$counters")
    results_not_executed=$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | wc -l)
    s=$((${total:-0} - ${executed:-0}))
    ((${not_executed:-0} > s)) && s=${not_executed:-0}
    ((results_not_executed > s)) && s=$results_not_executed
    passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0})) skipped=$((skipped + s))
    # The failed tests' names again at the end, where a log cut to its tail still shows them.
    grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/failed: \1/p' >&2
done
rm -rf "$results"
((passed + failed == 0)) && echo "error: no test ran" >&2
((skipped > 0)) && echo "error: $skipped tests were skipped (not executed); every test must run" >&2
echo "$passed passed, $failed failed"
((passed + failed > 0 && failed == 0 && skipped == 0 && status == 0)) || exit 1
