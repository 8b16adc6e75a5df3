#!/usr/bin/env bash
# Installs kette and starts the demo at http://127.0.0.1:8000 with the demo
# city "Musterstadt"; the demo logins are printed before the server starts.
#
# Plain HTTP on the loopback only: KETTE_HTTPS=0 turns off the SSL redirect,
# HSTS and secure cookies, so a browser can log in over http. Data lives in
# ./var (KETTE_DATA_DIR). KETTE_DEMO_BIND changes the address (127.0.0.1:8000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

bash scripts/setup.sh demo

export KETTE_DATA_DIR="$ROOT/var"
export KETTE_DEBUG=0
export KETTE_HTTPS=0
unset KETTE_DATABASE_URL KETTE_TESTING
BIND="${KETTE_DEMO_BIND:-127.0.0.1:8000}"
KETTE="$ROOT/.venv/bin/kette"

say "database: migrate (SQLite in var/)"
"$KETTE" migrate --noinput -v 0
say "static files: collectstatic"
"$KETTE" collectstatic --noinput -v 0

commands="$("$KETTE" help --commands)"
if ! grep -qx demo <<<"$commands"; then
    fail "this checkout has no 'kette demo' command, so there is no demo data to load."
fi
say "demo data: kette demo"
"$KETTE" demo --force

echo
ok "kette demo: open http://$BIND/ (logins above; Ctrl+C stops the server)"
echo
exec "$ROOT/.venv/bin/gunicorn" kette.wsgi:application \
    --bind "$BIND" --workers 2 --access-logfile - --error-logfile -
