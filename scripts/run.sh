#!/usr/bin/env bash
# The run command: bootstraps the machine, builds the AppHost (which builds every service), then runs the platform.
# Arguments go to the AppHost: --state DIR (default .state), --fresh (wipe the state folder first).
# Ctrl+C (or SIGTERM) stops every resource; no child process is left behind.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/bootstrap.sh
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
dotnet build DistillPlatform.AppHost/DistillPlatform.AppHost.csproj -c Release -nologo -clp:ErrorsOnly
# exec the built AppHost directly (not `dotnet run`): signals then reach the orchestrator itself.
exec dotnet DistillPlatform.AppHost/bin/Release/net10.0/DistillPlatform.AppHost.dll "$@"
