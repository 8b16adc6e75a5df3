# Helpers shared by the scripts in this folder; sourced, not run.

if [ -t 1 ]; then
    _bold=$'\033[1m' _red=$'\033[1;31m' _green=$'\033[1;32m' _plain=$'\033[0m'
else
    _bold="" _red="" _green="" _plain=""
fi

say() { printf '%s==> %s%s\n' "$_bold" "$*" "$_plain"; }
ok() { printf '%s==> %s%s\n' "$_green" "$*" "$_plain"; }
banner() {
    printf '\n%s======== %s ========%s\n' "$_bold" "$*" "$_plain"
}
fail() {
    printf '%sERROR: %s%s\n' "$_red" "$*" "$_plain" >&2
    exit 1
}

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "needs root or sudo: $*"
    fi
}

# Run a command as the PostgreSQL superuser (peer authentication on the socket).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    elif command -v sudo >/dev/null 2>&1; then
        (cd / && sudo -u postgres "$@")
    else
        fail "needs root or sudo to run as postgres: $*"
    fi
}
