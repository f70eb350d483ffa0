#!/usr/bin/env bash
# Runs every test against real PostgreSQL, RabbitMQ and Redis, which the test fixtures start privately.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh || exit 1

dotnet build Crm.Aspire.sln -v quiet -nologo || exit 1

log=$(mktemp)
status=0
# One suite after another: each starts its own servers, and on two cores suites side by side starve each other's
# timing-sensitive tests (outages, back-off) for no gain in total time.
for project in tests/*/*.Tests.csproj; do
  dotnet test "$project" --no-build -nologo "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# dotnet test prints one summary per test assembly ("Passed!  - Failed: 0, Passed: 12, ..."); add them up.
read -r passed failed < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { f += $(i + 1) + 0 }
      if ($i == "Passed:") { p += $(i + 1) + 0 }
    }
  }
  END { print p + 0, f + 0 }' "$log")
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # a test host that crashed prints no summary; count it so the line never reads green
fi
echo "$passed passed, $failed failed"
exit "$status"
