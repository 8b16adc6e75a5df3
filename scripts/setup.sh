#!/usr/bin/env bash
# Installs what kette needs on Debian 12 with Python 3.11, then compiles the
# translations. Safe to run again: whatever is already installed is skipped.
#
#   bash scripts/setup.sh demo   gettext, .venv with kette, translations
#   bash scripts/setup.sh test   the same plus PostgreSQL, Chromium, ChromeDriver
#                                and axe-core (the default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

MODE="${1:-test}"
case "$MODE" in
demo | test) ;;
*)
    echo "usage: bash scripts/setup.sh [demo|test]" >&2
    exit 2
    ;;
esac

VENV="$ROOT/.venv"

pick_python() {
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            command -v "$candidate"
            return 0
        fi
    done
    fail "Python 3.11 or newer is needed (python3.11 or python3 on PATH)."
}

# A usable .venv: Python 3.11 or newer, with pip (a venv made without Debian's
# python3-venv has none).
venv_works() {
    [ -x "$VENV/bin/python" ] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
            2>/dev/null &&
        "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# --- Debian packages: one `apt-get update`, only when something is missing ---
install_system_packages() {
    # WeasyPrint (PDF of the goal grids) needs Pango, HarfBuzz and a font in both modes.
    local wanted=(gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
    if [ "$MODE" = test ]; then
        wanted+=(postgresql chromium chromium-driver fonts-liberation wrk)
        if ! command -v npm >/dev/null 2>&1; then
            wanted+=(nodejs npm)
        fi
    fi
    if ! venv_works && ! "$(pick_python)" -c 'import ensurepip, venv' 2>/dev/null; then
        wanted+=(python3-venv)
    fi
    local missing=() package
    for package in "${wanted[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        say "system packages: all there"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 ||
        fail "apt-get not found; install by hand: ${missing[*]}"
    say "system packages: installing ${missing[*]}"
    local log
    log="$(mktemp)"
    if ! {
        as_root apt-get update -q &&
            as_root env DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -q --no-install-recommends "${missing[@]}"
    } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        fail "apt-get could not install: ${missing[*]}"
    fi
    rm -f "$log"
}

# --- Python: .venv with kette installed editable, redone when pyproject changes ---
install_python_packages() {
    if ! venv_works; then
        local python
        python="$(pick_python)"
        say "creating .venv with $("$python" --version)"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
    fi
    local stamp="$VENV/.kette-pyproject.sha256" wanted
    wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && [ -x "$VENV/bin/kette" ] &&
        "$VENV/bin/python" -c 'import kette' 2>/dev/null; then
        say "python packages: up to date"
        return 0
    fi
    say "python packages: pip install -e .[test]"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -e ".[test]"
    echo "$wanted" >"$stamp"
}

# --- axe-core for the browser tests, pinned in package-lock.json ---
install_node_packages() {
    local locked installed
    locked="$(node -p "require('./package-lock.json').packages['node_modules/axe-core'].version")"
    installed="$(node -p "require('./node_modules/axe-core/package.json').version" \
        2>/dev/null || true)"
    if [ "$installed" = "$locked" ]; then
        say "axe-core $installed: up to date"
        return 0
    fi
    say "axe-core $locked: npm ci"
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
}

# --- translations: compile every .po under src (none yet is fine) ---
compile_translations() {
    if ! find src -name '*.po' -print -quit | grep -q .; then
        say "translations: no .po files yet, nothing to compile"
        return 0
    fi
    say "translations: compiling"
    # Run inside src so Django's walk for locale folders skips .venv and
    # node_modules; the data dir stays the repository's var/.
    (cd src && KETTE_DATA_DIR="$ROOT/var" "$VENV/bin/kette" compilemessages -v 0)
}

install_system_packages
install_python_packages
if [ "$MODE" = test ]; then
    install_node_packages
fi
compile_translations
say "setup ($MODE) done"
