#!/usr/bin/env bash
# The run command (README "Quick start"): bootstraps the machine, builds the platform and the distill CLI, starts the
# platform (the AppHost) in the background, waits until every resource is healthy, runs the whole pipeline on the
# built-in demo corpus (or on --corpus DIR) while showing its progress, and prints the report and its headline table.
# Then, on a terminal, the platform keeps running (dashboard, distill CLI) until Ctrl+C; otherwise (or with --exit) it
# is stopped and the script exits with the pipeline's exit code. No process is left behind in either case.
#
#   ./scripts/run.sh                               demo corpus
#   ./scripts/run.sh --corpus DIR [--manifest F]   your corpus (any `distill run` option may follow)
#   ./scripts/run.sh --platform-only               only run the platform, until Ctrl+C
# Platform options: --state DIR (default .state or $DISTILL_STATE_DIR), --fresh (wipe the state folder first).
# $DISTILL_RUN_TIMEOUT_MINUTES (default 60) bounds the wait for the pipeline.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[run] %s\n' "$*" >&2; }

STATE="${DISTILL_STATE_DIR:-$ROOT/.state}"
PLATFORM_ONLY=0
EXIT_AFTER_PIPELINE=0
FRESH=()
RUN_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --platform-only) PLATFORM_ONLY=1; shift ;;
    --exit) EXIT_AFTER_PIPELINE=1; shift ;;
    --fresh) FRESH=(--fresh); shift ;;
    --state)
      [ $# -ge 2 ] || { log "--state needs a folder"; exit 2; }
      STATE="$(realpath -m "$2")"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) RUN_ARGS+=("$1"); shift ;;
  esac
done

./scripts/bootstrap.sh
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
dotnet build DistillPlatform.AppHost/DistillPlatform.AppHost.csproj -c Release -nologo -clp:ErrorsOnly
APPHOST=(dotnet DistillPlatform.AppHost/bin/Release/net10.0/DistillPlatform.AppHost.dll --state "$STATE" "${FRESH[@]}")

if [ "$PLATFORM_ONLY" = 1 ]; then
  # exec the built AppHost directly (not `dotnet run`): Ctrl+C and SIGTERM then reach the orchestrator itself.
  exec "${APPHOST[@]}"
fi

dotnet build src/DistillPlatform.Cli/DistillPlatform.Cli.csproj -c Release -nologo -clp:ErrorsOnly
DISTILL=(dotnet src/DistillPlatform.Cli/bin/Release/net10.0/distill.dll)

# The AppHost runs in its own session (setsid), so Ctrl+C in this terminal does not reach it directly: this script
# stops it in order, after the CLI has finished. Its output goes to a log file (the live progress table owns the
# terminal), shown here until the platform is healthy.
APPHOST_LOG="$(mktemp -t distill-apphost.XXXXXX)"
setsid "${APPHOST[@]}" >"$APPHOST_LOG" 2>&1 </dev/null &
APPHOST_PID=$!

stop_platform() {
  if kill -0 "$APPHOST_PID" 2>/dev/null; then
    log "stopping the platform"
    kill -TERM "$APPHOST_PID" 2>/dev/null || true
    # The AppHost stops services, then the object store and the broker (up to ~45 s); past 120 s its group is killed.
    ( sleep 120; kill -KILL -- "-$APPHOST_PID" 2>/dev/null ) &
    local watchdog=$!
    wait "$APPHOST_PID" 2>/dev/null || true
    kill "$watchdog" 2>/dev/null || true
    wait "$watchdog" 2>/dev/null || true
    tail -n 1 "$APPHOST_LOG" >&2 || true
  fi
  log "platform log: $APPHOST_LOG"
}
trap stop_platform EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Wait for the AppHost's "all resources healthy" line (printed once endpoints.json is written and every health check
# passed), echoing its start-up output; fail with its last lines if it exits first.
printed=0
deadline=$((SECONDS + 300))
until grep -q 'all resources healthy' "$APPHOST_LOG"; do
  total=$(wc -l <"$APPHOST_LOG")
  if [ "$total" -gt "$printed" ]; then sed -n "$((printed + 1)),${total}p" "$APPHOST_LOG"; printed=$total; fi
  if ! kill -0 "$APPHOST_PID" 2>/dev/null; then
    log "the platform stopped during start-up:"; tail -n 20 "$APPHOST_LOG" >&2; exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then log "the platform did not become healthy within 300 s"; exit 1; fi
  sleep 0.5
done
sed -n "$((printed + 1)),\$p" "$APPHOST_LOG"
DASHBOARD="$(grep -i 'dashboard' "$APPHOST_LOG" | grep -Eo 'https?://[^ ]+' | head -n 1 || true)"
if [ -n "$DASHBOARD" ]; then log "dashboard: $DASHBOARD"; fi

# The CLI runs as a waited-for background job, so a SIGTERM or Ctrl+C reaches this script's traps at once (bash runs
# traps only between commands): they stop the CLI (the pipeline itself is stopped with the platform), then exit.
"${DISTILL[@]}" run --wait --state "$STATE" --timeout "${DISTILL_RUN_TIMEOUT_MINUTES:-60}" "${RUN_ARGS[@]}" &
CLI_PID=$!
stop_cli() { kill -TERM "$CLI_PID" 2>/dev/null || true; wait "$CLI_PID" 2>/dev/null || true; }
trap 'stop_cli; exit 130' INT
trap 'stop_cli; exit 143' TERM
set +e
wait "$CLI_PID"
PIPELINE_STATUS=$?
set -e
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -t 0 ] && [ "$EXIT_AFTER_PIPELINE" = 0 ]; then
  log "the platform keeps running${DASHBOARD:+ (dashboard: $DASHBOARD)}; try ./scripts/distill status. Press Ctrl+C to stop it."
  trap 'exit $PIPELINE_STATUS' INT TERM
  wait "$APPHOST_PID" || true
fi
exit "$PIPELINE_STATUS"
