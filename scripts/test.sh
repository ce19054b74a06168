#!/usr/bin/env bash
# The test command: bootstraps the machine, builds the solution, runs every test project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/bootstrap.sh
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
dotnet build DistillPlatform.sln -c Release -nologo -clp:ErrorsOnly
dotnet test DistillPlatform.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
