#!/usr/bin/env bash
# README command 1: install what is missing, then build and serve the app on http://127.0.0.1:8080/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/lib.sh
step "Serving on http://127.0.0.1:8080/ (Ctrl-C to stop)"
exec trunk serve --release --address 127.0.0.1 --port 8080
