#!/usr/bin/env bash
# Lighthouse scores of the release bundle, mobile and desktop. Run after `trunk build --release`:
#   bash scripts/lighthouse.sh
# Installs lighthouse@12 from npm into a throwaway prefix if it is missing (not into package.json;
# LIGHTHOUSE_PREFIX, default ~/.cache/strata-lighthouse), serves dist/ on 127.0.0.1 under /tools/strata/, runs
# Lighthouse against Debian's Chromium, and prints performance, accessibility, best practices and SEO for each
# mode. Reports (JSON) go to LIGHTHOUSE_OUT (default target/lighthouse/). Nothing is fetched beyond loopback:
# the page is on loopback, Chromium runs without background networking, and error reporting is off.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PREFIX="${LIGHTHOUSE_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/strata-lighthouse}"
OUT="${LIGHTHOUSE_OUT:-target/lighthouse}"
LH="$PREFIX/node_modules/.bin/lighthouse"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"

[ -f dist/index.html ] || { echo "lighthouse: dist/index.html is missing; run 'trunk build --release' first" >&2; exit 1; }

step "lighthouse@12 (throwaway prefix $PREFIX)"
if [ -x "$LH" ] && "$LH" --version 2>/dev/null | grep -q '^12\.'; then
  skip "already installed: $("$LH" --version)"
else
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-audit --no-fund --no-save lighthouse@12
  note "installed: $("$LH" --version)"
fi

step "serving dist/ on loopback under /tools/strata/"
mkdir -p "$OUT"
url_file="$OUT/url"
rm -f "$url_file"
node --input-type=module -e "
  import { serve } from './tests/e2e/harness.mjs';
  import fs from 'node:fs';
  const server = await serve('$PWD/dist', '/tools/strata/');
  fs.writeFileSync('$url_file', server.url);
  setInterval(() => {}, 1 << 30);
" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$url_file" ] && break; sleep 0.1; done
URL=$(cat "$url_file")
note "$URL"

run() { # mode, extra lighthouse flags...
  local mode=$1; shift
  step "Lighthouse, $mode"
  "$LH" "$URL" "$@" \
    --chrome-flags="$CHROME_FLAGS" \
    --only-categories=performance,accessibility,best-practices,seo \
    --no-enable-error-reporting \
    --output=json --output-path="$OUT/$mode.json" --quiet
}
run mobile
run desktop --preset=desktop

step "scores (0-100)"
node --input-type=module -e "
  import fs from 'node:fs';
  const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
  console.log('mode     ' + cats.map((c) => c.padStart(15)).join(''));
  const details = [];
  for (const mode of ['mobile', 'desktop']) {
    const r = JSON.parse(fs.readFileSync('$OUT/' + mode + '.json', 'utf8'));
    console.log(mode.padEnd(9) + cats.map((c) => String(Math.round(r.categories[c].score * 100)).padStart(15)).join(''));
    details.push(mode + ': ' + metrics.map((m) => m.replace(/-/g, ' ') + ' ' + r.audits[m].displayValue).join(', '));
    const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable');
    details.push('  below 90: ' + (failed.map((a) => a.id + ' (' + Math.round(a.score * 100) + ')').join(', ') || 'none'));
    if (r.runWarnings.length) details.push('  warnings: ' + r.runWarnings.join(' | '));
  }
  console.log(details.join('\n'));
  console.log('Lighthouse ' + JSON.parse(fs.readFileSync('$OUT/mobile.json', 'utf8')).lighthouseVersion + ', reports in $OUT/');
"
