#!/usr/bin/env bash
# Builds libdistilltorch.so into native/build/. Incremental: when nothing changed it returns in about a second.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$HERE/build"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$HERE" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# Two parallel jobs at most: the machine is shared and each libtorch translation unit needs ~1 GiB of memory.
cmake --build "$BUILD" --parallel "${DISTILL_NATIVE_JOBS:-2}" -- --no-print-directory
