#!/usr/bin/env bash
# Installs everything and runs the whole test suite: ruff, the migrations
# check, then pytest twice, on SQLite and on PostgreSQL.
#
#   bash scripts/test.sh                 everything (this is what CI runs)
#   bash scripts/test.sh -k isolation    extra arguments go to both pytest runs
#   KETTE_SKIP_POSTGRES=1 bash scripts/test.sh   SQLite only, for quick local
#                                        runs (ignored on CI, which runs both)
#
# A local PostgreSQL is started if nothing answers on 127.0.0.1:5432, and the
# role "kette" (password "kette", may create databases) is created if missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

bash scripts/setup.sh test

BIN="$ROOT/.venv/bin"
PG_HOST=127.0.0.1
PG_PORT=5432
PG_URL="postgres://kette:kette@$PG_HOST:$PG_PORT/kette"

# The same settings everywhere: no database or debug overrides from the caller.
export KETTE_TESTING=1
unset KETTE_DATABASE_URL KETTE_DEBUG KETTE_HTTPS

banner "ruff"
lint_paths=()
for folder in src tests bench; do
    [ -d "$folder" ] && lint_paths+=("$folder")
done
"$BIN/ruff" check "${lint_paths[@]}" || fail "ruff check found problems (above)"
"$BIN/ruff" format --check "${lint_paths[@]}" ||
    fail "files need formatting: .venv/bin/ruff format ${lint_paths[*]}"

banner "migrations are complete"
"$BIN/kette" makemigrations --check --dry-run ||
    fail "makemigrations --check failed (above): a model change without migration?"

# pytest with a clear verdict; "no tests collected" (exit 5) is a failure.
run_pytest() {
    local label="$1"
    shift
    banner "pytest on $label"
    local status=0
    # One worker per core (pytest-xdist); KETTE_TEST_WORKERS=0 runs in one
    # process. loadgroup keeps the tests of a module that share one demo build
    # on one worker, in the order of tests/conftest.py (longest first; a
    # module's tests without the demo before it is built). The slowest tests
    # are listed to keep an eye on the run's time.
    "$BIN/pytest" --numprocesses "${KETTE_TEST_WORKERS:-auto}" --dist loadgroup \
        --no-loadscope-reorder --durations=15 "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        fail "pytest on $label collected no tests (exit 5)"
    elif [ "$status" -ne 0 ]; then
        fail "pytest on $label failed (exit $status)"
    fi
    ok "pytest on $label passed"
}

pg_answers() {
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
}

kette_psql() {
    PGPASSWORD=kette psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
        -U kette "$@"
}

# Start (or create) the Debian cluster on port 5432 unless something answers.
start_postgres() {
    if pg_answers; then
        say "PostgreSQL answers on $PG_HOST:$PG_PORT"
        return 0
    fi
    local version name
    read -r version name < <(pg_lsclusters --no-header |
        awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }') || true
    if [ -z "${version:-}" ]; then
        version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' |
            sort -V | tail -n 1)"
        [ -n "$version" ] || fail "no PostgreSQL server installed"
        name=main
        if pg_lsclusters --no-header | awk '{ print $1, $2 }' | grep -qx "$version main"; then
            name=kette
        fi
        say "creating PostgreSQL $version cluster '$name' on port $PG_PORT"
        as_root pg_createcluster "$version" "$name" --port "$PG_PORT" >/dev/null
    fi
    say "starting PostgreSQL $version cluster '$name'"
    as_root pg_ctlcluster "$version" "$name" start
    local tries
    for tries in $(seq 1 30); do
        pg_answers && return 0
        sleep 1
    done
    fail "PostgreSQL $version/$name did not answer on $PG_HOST:$PG_PORT after ${tries}s"
}

# Role "kette" (password "kette", CREATEDB) and its database, idempotently.
prepare_postgres() {
    if ! kette_psql -d postgres -tAc 'select 1' >/dev/null 2>&1 ||
        [ "$(kette_psql -d postgres -tAc \
            'select rolcreatedb from pg_roles where rolname = current_user')" != t ]; then
        say "PostgreSQL: creating role kette"
        as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -c "
            DO \$\$ BEGIN
              IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'kette') THEN
                ALTER ROLE kette LOGIN CREATEDB PASSWORD 'kette';
              ELSE
                CREATE ROLE kette LOGIN CREATEDB PASSWORD 'kette';
              END IF;
            END \$\$;"
    fi
    if ! kette_psql -d kette -tAc 'select 1' >/dev/null 2>&1; then
        say "PostgreSQL: creating database kette"
        PGPASSWORD=kette createdb -h "$PG_HOST" -p "$PG_PORT" -U kette -O kette kette
    fi
}

run_pytest "SQLite (in-memory test database)" "$@"

case "${KETTE_SKIP_POSTGRES:-0}" in
1 | true | yes | on)
    if [ "${CI:-}" = true ]; then
        say "CI is set: ignoring KETTE_SKIP_POSTGRES, PostgreSQL runs too"
    else
        banner "pytest on PostgreSQL: SKIPPED (KETTE_SKIP_POSTGRES=$KETTE_SKIP_POSTGRES)"
        exit 0
    fi
    ;;
esac

start_postgres
prepare_postgres
PG_VERSION="$(kette_psql -d kette -tAc 'show server_version' | cut -d' ' -f1)"
KETTE_DATABASE_URL="$PG_URL" run_pytest "PostgreSQL $PG_VERSION ($PG_URL)" "$@"

banner "all checks passed: ruff, migrations, SQLite, PostgreSQL $PG_VERSION"
