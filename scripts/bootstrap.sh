#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for DistillPlatform, and nothing else.
# Idempotent: a second run checks each step and returns in seconds without touching the network.
# Steps (each can be named in error messages as "bootstrap step NAME"):
#   apt        Debian packages: rabbitmq-server, libtorch-dev, libopenblas0-pthread, python3-torch, espeak-ng, sox, cmake,
#              chromium (headless, for the dashboard's browser test)
#   s3rver     npm s3rver@3.7.1 into .tools/s3rver (S3-compatible object store when no minio binary is on PATH)
#   onnxruntime libonnxruntime.so.1 taken out of the npm package onnxruntime-node@1.30.0 into .tools/onnxruntime
#   torch-shim the C++ shim over libtorch (src/DistillPlatform.Torch/native), built with CMake
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

log() { printf '[bootstrap] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

step_apt() {
  local wanted=(rabbitmq-server libtorch-dev libopenblas0-pthread python3-torch espeak-ng sox cmake g++ chromium)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "apt: all present"; return; fi
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # A package-installed rabbitmq-server starts a system service; the platform runs its own broker.
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now rabbitmq-server >/dev/null 2>&1 || true; fi
}

step_s3rver() {
  if [ -f "$TOOLS/s3rver/node_modules/s3rver/bin/s3rver.js" ]; then log "s3rver: present"; return; fi
  if ! command -v npm >/dev/null 2>&1; then
    log "s3rver: npm not found; install Node.js (with npm), then run scripts/bootstrap.sh again"; exit 1
  fi
  log "s3rver: installing s3rver@3.7.1"
  mkdir -p "$TOOLS/s3rver"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/s3rver" s3rver@3.7.1 >/dev/null
}

step_onnxruntime() {
  if [ -f "$TOOLS/onnxruntime/libonnxruntime.so.1" ]; then log "onnxruntime: present"; return; fi
  log "onnxruntime: extracting libonnxruntime.so.1 from onnxruntime-node@1.30.0"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent onnxruntime-node@1.30.0 >/dev/null && tar xzf onnxruntime-node-1.30.0.tgz)
  local lib; lib="$(find "$tmp/package" -path '*linux/x64/*' -name 'libonnxruntime.so.1*' | head -n 1)"
  if [ -z "$lib" ]; then log "onnxruntime: libonnxruntime.so.1 not found in the npm package"; exit 1; fi
  mkdir -p "$TOOLS/onnxruntime"
  cp "$lib" "$TOOLS/onnxruntime/libonnxruntime.so.1"
  rm -rf "$tmp"
}

step_torch_shim() {
  local native="$ROOT/src/DistillPlatform.Torch/native"
  if [ -f "$native/CMakeLists.txt" ]; then
    "$native/build.sh"
  fi
}

step_apt
step_s3rver
step_onnxruntime
step_torch_shim
log "ready"
