#!/usr/bin/env bash
# Runs every test: on SQLite, then (when PostgreSQL can be started here) the database tests on
# PostgreSQL too. Installs what the tests need (Debian chromium, PostgreSQL, Redis) when missing.
# Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/redis-server ] || need_apt+=(redis-server)   # the backplane test starts its own on a free port
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} ..."
  as_root apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 || echo "warning: could not install ${need_apt[*]}"
fi

postgres=""
if command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -n "$version" ]; then
    as_root pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do
      as_root su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
      sleep 0.5
    done
    if as_root su postgres -c "psql -qtAc \"ALTER USER postgres PASSWORD 'backoffice-tests'\"" >/dev/null 2>&1; then
      postgres="Host=127.0.0.1;Port=5432;Username=postgres;Password=backoffice-tests;Database=postgres"
    fi
  fi
fi

dotnet build BackOffice.sln -c Release -v quiet -nologo 2>&1 | grep -E "error|Warn|Build succeeded" | sort -u
[ "${PIPESTATUS[0]}" = 0 ] || { echo "0 passed, 1 failed"; exit 1; }

mkdir -p artifacts
# What a reader needs from a test run: each failure with its message (not its stack), and the totals.
brief() {
  awk '/^[[:space:]]+Failed / || /Passed!|Failed!|Skipped / { print; next }
       /Error Message:/ { print; shown = 8; next }
       /Stack Trace:/ { shown = 0 }
       shown > 0 { print; shown-- }'
}
log=$(mktemp)
echo "== Tests on SQLite =="
dotnet test BackOffice.Tests -c Release --no-build 2>&1 | tee -a "$log" | brief
sqlite_rc=${PIPESTATUS[0]}
pg_rc=0
if [ -n "$postgres" ]; then
  echo "== Database tests on PostgreSQL =="
  BACKOFFICE_TEST_POSTGRES="$postgres" dotnet test BackOffice.Tests -c Release --no-build --filter "Category=Database" 2>&1 | tee -a "$log" | brief
  pg_rc=${PIPESTATUS[0]}
else
  echo "PostgreSQL is not available here: database tests ran on SQLite only."
fi

summary=$(grep -E "^(Passed|Failed)!" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed", p, f; if (s > 0) printf ", %d skipped", s; print ""}')
rm -f "$log"
[ -n "$summary" ] || summary="0 passed, 1 failed"
echo "$summary"
[ "$sqlite_rc" = 0 ] && [ "$pg_rc" = 0 ]
