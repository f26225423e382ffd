#!/usr/bin/env bash
# Installs every tool that building and testing Strata needs, at pinned versions, skipping what is there.
# Safe to run again and again; the serve and test commands call it first. Nothing is downloaded from outside
# the package registries (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

TRUNK_VERSION=0.21.14

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || { step "Cargo.lock"; cargo generate-lockfile; }
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

step "wasm-bindgen-cli $BINDGEN_VERSION (must equal the wasm-bindgen in Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $BINDGEN_VERSION" ] && have wasm-bindgen-test-runner; then
  skip "already installed"
else
  note "building from crates.io; this takes a few minutes the first time"
  # Without --locked: one of its locked dependencies is not on the registry reachable here.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  skip "already installed"
else
  note "building from crates.io; this takes about five minutes the first time"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

step "Chromium and ChromeDriver (Debian)"
if have chromium && have chromedriver; then
  skip "already installed: $(chromium --version 2>/dev/null | head -1)"
else
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

# The programs that read what Strata hands out, for the client checks of the test command: rsvg-convert
# (librsvg, which MediaWiki rasterises uploaded SVG with), cmark-gfm (GitHub's Markdown) and a font for both.
# Debian replaces a package's exact version with each security update, so the pin is the upstream series:
# a different one fails here, loudly, rather than changing what the checks mean.
RSVG_SERIES=2.54.
CMARK_GFM_SERIES=0.29.0.gfm.
step "rsvg-convert $RSVG_SERIES* and cmark-gfm $CMARK_GFM_SERIES* (Debian), DejaVu fonts"
if have rsvg-convert && have cmark-gfm && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  skip "already installed"
else
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    librsvg2-bin cmark-gfm fonts-dejavu-core
fi
rsvg=$(rsvg-convert --version)
cmark=$(cmark-gfm --version | head -1)
case "$rsvg" in "rsvg-convert version $RSVG_SERIES"*) note "$rsvg" ;; *) echo "expected rsvg-convert $RSVG_SERIES*, found: $rsvg" >&2; exit 1 ;; esac
case "$cmark" in "cmark-gfm $CMARK_GFM_SERIES"*) note "$cmark" ;; *) echo "expected cmark-gfm $CMARK_GFM_SERIES*, found: $cmark" >&2; exit 1 ;; esac

step "npm tools: binaryen (wasm-opt), esbuild, playwright-core, axe-core, markdown-it, mermaid"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.strata-lock ] && [ "$(cat node_modules/.strata-lock)" = "$lock_hash" ]; then
  skip "already installed"
else
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.strata-lock
fi
note "wasm-opt: $(wasm-opt --version)"
