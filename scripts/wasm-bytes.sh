#!/usr/bin/env bash
# Measures the app's wasm as Trunk's release pipeline makes it, without the rest of the bundle: cargo (release,
# wasm32), wasm-bindgen, wasm-opt with index.html's flags and params in Trunk's order, gzip -9. Prints the gzip
# bytes of the app wasm; keeps the named wasm-bindgen output for `twiggy top`/`twiggy diff` in target/wasm-bytes/.
# Trunk's post-build step then also shortens the glue's import names (about 5 KB less): compare like with like.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
out=target/wasm-bytes
mkdir -p "$out"
cargo build --quiet --release --target wasm32-unknown-unknown --bin strata
wasm-bindgen --target web --out-dir "$out" --out-name strata \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/strata.wasm"
flags=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
# Trunk runs `wasm-opt -Oz` with the params appended.
# shellcheck disable=SC2086
wasm-opt -Oz $flags "$out/strata_bg.wasm" -o "$out/strata_opt.wasm"
gzip -9 -c "$out/strata_opt.wasm" | wc -c
