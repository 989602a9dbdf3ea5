#!/usr/bin/env bash
# Runs every test. On a new Debian machine it first installs what the tests need (Chromium for the
# browser tests, PostgreSQL for the second database run, poppler-utils and qpdf for looking at PDFs, nginx for
# the two-instance test, which runs its own nginx process on a free port, and ClamAV's daemon for the upload tests,
# which start their own clamd on a free port with the suite's small signature database, aiosmtpd, the real SMTP
# server the e-mail tests start on a free loopback port, and pikepdf for the PDF/UA-1 checker), starts
# PostgreSQL with a test role, then runs the whole suite and ends with one summary line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || packages+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
# qpdf's command line for reading a PDF's objects (the Welsh certificate's /Lang on each part).
command -v qpdf >/dev/null 2>&1 || packages+=(qpdf)
[ -x /usr/sbin/nginx ] || packages+=(nginx)
[ -x /usr/sbin/clamd ] || packages+=(clamav-daemon)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || packages+=(python3-aiosmtpd)
# pikepdf (qpdf) for the PDF/UA-1 checker in tools/pdfua-check.py (PyPI's pdfua cannot be reached here).
/usr/bin/python3 -c 'import pikepdf' >/dev/null 2>&1 || packages+=(python3-pikepdf)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

pg_version=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
  as_root pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
as_postgres psql -q -v ON_ERROR_STOP=1 -c "DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_test') THEN
    CREATE ROLE portal_test LOGIN CREATEDB PASSWORD 'portal_test';
  END IF; END\$\$;" >/dev/null
# Each test database is dropped WITH (FORCE), which ends the connections still open to it. An autovacuum worker that
# happens to be working there is not the test role's own process: without pg_signal_backend the drop fails (42501).
as_postgres psql -q -v ON_ERROR_STOP=1 -c "GRANT pg_signal_backend TO portal_test;" >/dev/null
export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=portal_test;Password=portal_test;Database=postgres"

results=artifacts/test-results
rm -rf "$results" artifacts/portal-errors.log artifacts/browser-journal.log
dotnet test ParentPortal.sln --logger "trx;LogFileName=results.trx" --results-directory "$results" \
  --blame-hang-timeout 10m "$@"
status=$?

trx=$(ls "$results"/*.trx 2>/dev/null | head -1)
passed=0; failed=0; skipped=0
if [ -n "$trx" ]; then
  # The ten slowest tests, so a slow one is seen the day it arrives.
  echo "Ten slowest tests:"
  grep -o '<UnitTestResult [^>]*>' "$trx" \
    | sed -n 's/.*testName="\([^"]*\)".*duration="\([0-9]*\):\([0-9]*\):\([0-9.]*\)".*/\2 \3 \4 \1/p' \
    | awk '{ s = $1 * 3600 + $2 * 60 + $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%8.1f s  %s\n", s, $0 }' \
    | sort -rn | head -10 | sed 's/&quot;/"/g; s/&amp;/\&/g'
fi
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); passed=$(get passed)
  failed=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
  skipped=$(( total - executed ))
fi
# What the portals under test logged as errors (PortalFactory writes them), for a failure seen only in a browser.
if [ "$failed" -ne 0 ] && [ -s artifacts/portal-errors.log ]; then
  echo "Errors in the portals' interactive circuits during the run (last 40, from artifacts/portal-errors.log):"
  grep -E '^\[(Error|Critical)\] Microsoft\.AspNetCore\.Components' artifacts/portal-errors.log | tail -40 | cut -c1-1500
fi
# What the browsers reported (script and console errors, with the page's navigations), for a failure that showed only
# Blazor's "Something went wrong" panel (PageJournal writes it).
if [ "$failed" -ne 0 ] && [ -s artifacts/browser-journal.log ]; then
  echo "Browser pages that reported errors (last 60 lines of artifacts/browser-journal.log):"
  tail -60 artifacts/browser-journal.log | cut -c1-600
fi
# A build failure or crash with no failed test recorded still counts as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$status" -eq 0 ]
