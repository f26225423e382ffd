#!/usr/bin/env bash
# README command 2: install what is missing, then run every test: formatting and lints (native and wasm),
# native unit/property tests, the exports read by the programs that read them (Mermaid, rsvg-convert,
# cmark-gfm, Chromium), component tests in headless Chromium, the release build with its size ceiling, and
# end-to-end tests of that build served under a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/lib.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native (app, on-demand module, post-build tool)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy, wasm32 (app and on-demand module)"
cargo clippy --target wasm32-unknown-unknown -p strata --lib --bins --test browser -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p strata-extras -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p strata-extras --features organisation -- -D warnings

step "native tests (catalogue, engine, diagrams, permalink, exports, post-build tool)"
cargo test --workspace

step "client checks: Mermaid, rsvg-convert, cmark-gfm and Chromium read every exported text"
clients=$(mktemp -d)
trap 'rm -rf "$clients"' EXIT
cargo run --quiet -p strata-core --example client_texts -- "$clients"
node tests/clients/run.mjs "$clients"

step "component tests in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test browser

step "release build (trunk, offline)"
trunk build --release

step "bundle size"
node scripts/size-report.mjs dist --check

step "the same bundle with the crash-test hook, for the crash panel's end-to-end test (never shipped)"
trunk build --release --features crash-test --dist target/dist-crash-test

step "end-to-end tests in headless Chromium, bundle served under /tools/strata/"
node tests/e2e/run.mjs
