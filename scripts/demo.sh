#!/usr/bin/env bash
# The demo, end to end, on a fresh machine: a disposable PostgreSQL from this machine's binaries, the Vibe Code
# Academy sample "production" database, the shipped nightly pipeline (rules/vca.yaml), a before/after view of a
# few rows, and the run's summary. Everything is removed at the end unless --keep.
#   scripts/demo.sh [--users N] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

users=10000 keep=''
while (($#)); do
    case $1 in
        --users) users=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [--users N] [--keep]" >&2; exit 2 ;;
    esac
done

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "building devdbseed"
out=$(mktemp -d "${TMPDIR:-/tmp}/devdbseed-demo.XXXXXX")
dotnet build src/DevDbSeed.Cli -c Release -o "$out" -v quiet -nologo | grep -E 'error|Warn' || true
devdbseed() { dotnet "$out/devdbseed.dll" "$@"; }

say "starting a disposable PostgreSQL"
pg_start_disposable
base="postgresql://postgres@127.0.0.1:$PGPORT"

say "creating the sample production database (vca, $users users)"
devdbseed sample create --target "$base/vca" --users "$users"

export PROD_URL="$base/vca" DEVDB_URL="$base/vca_dev" DEVDBSEED_SECRET="demo-secret-change-me"
say "checking the rules against the production schema (devdbseed check pipelines/nightly.yaml)"
devdbseed check pipelines/nightly.yaml

say "masking production into the dev database (devdbseed run pipelines/nightly.yaml)"
devdbseed run pipelines/nightly.yaml

view() {
    psql -X -q -P pager=off -d "$1" -c "$2"
}
users_sql="SELECT id, email, first_name, last_name, phone, birth_date, city, left(bio, 40) AS bio FROM users ORDER BY id LIMIT 5"
pay_sql="SELECT p.id, p.card_number, p.billing_name, p.billing_email, p.amount FROM payments p WHERE billing_email IS NOT NULL ORDER BY id LIMIT 3"
say "before: production (vca)"
view vca "$users_sql"
view vca "$pay_sql"
say "after: dev (vca_dev) — same ids, same shapes, no real person left"
view vca_dev "$users_sql"
view vca_dev "$pay_sql"
say "the natural-key join on e-mail still works in dev"
view vca_dev "SELECT count(*) AS payments_matching_their_user_by_email FROM payments p JOIN users u ON u.email = p.billing_email"

if [[ -n $keep ]]; then
    trap - EXIT INT TERM
    say "kept: the server runs on 127.0.0.1:$PGPORT (databases vca and vca_dev)"
    echo "connect: psql postgresql://postgres@127.0.0.1:$PGPORT/vca_dev"
    echo "stop:    ${PG_BIN}/pg_ctl -D $PG_DISPOSABLE_DIR/data stop$([[ $(id -u) == 0 ]] && echo " (as: runuser -u postgres --)")"
fi
rm -rf "$out"
