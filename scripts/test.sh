#!/usr/bin/env bash
# The test command: bootstraps the machine, builds the solution, runs every test project, and ends with one
# summary line over all test assemblies ("tests: N passed, N failed, N skipped").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/bootstrap.sh
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
dotnet build DistillPlatform.sln -c Release -nologo -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test DistillPlatform.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# With normal verbosity dotnet test ends each assembly's run with a block of indented "Passed: N", "Failed: N" and
# "Skipped: N" lines under "Total tests: T"; add them up over every assembly.
awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } /^ +Skipped: +[0-9]+$/ { s += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
