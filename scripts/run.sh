#!/usr/bin/env bash
# The run command: bootstraps the machine, then starts the whole platform with the AppHost.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/bootstrap.sh
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
exec dotnet run --project DistillPlatform.AppHost -c Release -- "$@"
