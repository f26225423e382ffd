#!/usr/bin/env bash
# Lighthouse scores of the release bundle, mobile and desktop, side by side with a static page of the same text.
# Run after `trunk build --release`:
#   bash scripts/lighthouse.sh            # 5 runs of each page in each mode (LIGHTHOUSE_RUNS to change)
# Installs lighthouse (pinned below) from npm into a throwaway prefix if it is missing (not into package.json;
# LIGHTHOUSE_PREFIX, default ~/.cache/strata-lighthouse). Serves dist/ on 127.0.0.1 under /tools/strata/ the way a
# static host serves it (gzip, cache headers: tests/e2e/harness.mjs `asHosted`), and beside it static.html: the
# same index.html without its scripts, i.e. the prerendered page as plain HTML. Runs Lighthouse against Debian's
# Chromium on both pages alternately, in its default (simulated) throttling, and prints each run's scores and
# metrics, the medians, and the app's first and largest contentful paints over the static page's in the same run.
# Reports (JSON) go to LIGHTHOUSE_OUT (default target/lighthouse/). Nothing is fetched beyond loopback: the pages
# are on loopback, Chromium runs without background networking, and error reporting is off.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

LIGHTHOUSE_VERSION=12.8.2
PREFIX="${LIGHTHOUSE_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/strata-lighthouse}"
OUT="${LIGHTHOUSE_OUT:-target/lighthouse}"
RUNS="${LIGHTHOUSE_RUNS:-5}"
LH="$PREFIX/node_modules/.bin/lighthouse"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"

[ -f dist/index.html ] || { echo "lighthouse: dist/index.html is missing; run 'trunk build --release' first" >&2; exit 1; }

step "lighthouse $LIGHTHOUSE_VERSION (throwaway prefix $PREFIX)"
if [ -x "$LH" ] && [ "$("$LH" --version 2>/dev/null)" = "$LIGHTHOUSE_VERSION" ]; then
  skip "already installed"
else
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-audit --no-fund --no-save "lighthouse@$LIGHTHOUSE_VERSION"
  note "installed: $("$LH" --version)"
fi

step "serving dist/ on loopback under /tools/strata/, as a static host does (gzip, cache headers)"
mkdir -p "$OUT"
rm -f "$OUT"/*.json
url_file="$OUT/url"
rm -f "$url_file"
node --input-type=module -e "
  import { serve } from './tests/e2e/harness.mjs';
  import fs from 'node:fs';
  // The static page: index.html without its scripts (the app's boot, the on-demand loader) and preloads.
  const page = fs.readFileSync('dist/index.html', 'utf8')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel=\"?(modulepreload|preload)\b[^>]*>/g, '');
  if (/<script/.test(page)) throw new Error('the static page still has a script');
  const server = await serve('$PWD/dist', '/tools/strata/', {
    asHosted: true,
    extra: { '/tools/strata/static.html': ['text/html; charset=utf-8', page] },
  });
  fs.writeFileSync('$url_file', server.url);
  setInterval(() => {}, 1 << 30);
" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$url_file" ] && break; sleep 0.1; done
URL=$(cat "$url_file")
note "app ${URL}, static page ${URL}static.html"
note "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

lighthouse() { # url, report name, extra lighthouse flags...
  local url=$1 name=$2; shift 2
  "$LH" "$url" "$@" \
    --chrome-flags="$CHROME_FLAGS" \
    --only-categories=performance,accessibility,best-practices,seo \
    --no-enable-error-reporting \
    --output=json --output-path="$OUT/$name.json" --quiet
}
for run in $(seq "$RUNS"); do
  step "run $run of $RUNS (load average $(cut -d' ' -f1 /proc/loadavg))"
  lighthouse "$URL" "mobile-app-$run"
  lighthouse "${URL}static.html" "mobile-static-$run"
  lighthouse "$URL" "desktop-app-$run" --preset=desktop
  lighthouse "${URL}static.html" "desktop-static-$run" --preset=desktop
done
note "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

step "scores (0-100) and metrics, per run; ratios are app / static page of the same run"
node --input-type=module -e "
  import fs from 'node:fs';
  const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
  const read = (name) => JSON.parse(fs.readFileSync('$OUT/' + name + '.json', 'utf8'));
  const ms = (r, id) => r.audits[id].numericValue;
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  let ok = true;
  for (const mode of ['mobile', 'desktop']) {
    console.log('\n' + mode + ': run, scores (perf/a11y/bp/seo), FCP, LCP, TBT, CLS, SI (ms) of the app | static page; FCP and LCP ratios');
    const rows = [];
    for (let run = 1; run <= $RUNS; run++) {
      const app = read(mode + '-app-' + run), page = read(mode + '-static-' + run);
      const scores = (r) => cats.map((c) => Math.round(r.categories[c].score * 100)).join('/');
      const metrics = (r) => ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time'].map((m) => Math.round(ms(r, m)))
        .concat([ms(r, 'cumulative-layout-shift').toFixed(3), Math.round(ms(r, 'speed-index'))]).join(' ');
      const fcp = ms(app, 'first-contentful-paint') / ms(page, 'first-contentful-paint');
      const lcp = ms(app, 'largest-contentful-paint') / ms(page, 'largest-contentful-paint');
      rows.push({ perf: app.categories.performance.score * 100, scores: scores(app), fcp, lcp });
      console.log('  ' + run + '  ' + scores(app) + '  ' + metrics(app) + '  |  ' + scores(page) + '  ' + metrics(page)
        + '  FCP x' + fcp.toFixed(2) + ', LCP x' + lcp.toFixed(2));
      const below = Object.values(app.audits).filter((a) => a.score !== null && a.score < 0.9 && !['informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode));
      if (below.length) console.log('     app audits below 90: ' + below.map((a) => a.id + ' (' + Math.round(a.score * 100) + ')').join(', '));
      if (app.runWarnings.length) console.log('     warnings: ' + app.runWarnings.join(' | '));
    }
    const worst = Math.min(...rows.map((r) => r.perf));
    const [fcp, lcp] = [median(rows.map((r) => r.fcp)), median(rows.map((r) => r.lcp))];
    console.log('  median ratio FCP x' + fcp.toFixed(2) + ' (goal <= 1.2), LCP x' + lcp.toFixed(2) + ' (goal <= 1.5); lowest performance score ' + Math.round(worst)
      + '; all four 100 in ' + rows.filter((r) => r.scores === '100/100/100/100').length + ' of ' + rows.length + ' runs');
    if (mode === 'mobile' && (fcp > 1.2 || lcp > 1.5)) ok = false;
  }
  console.log('\nLighthouse ' + read('mobile-app-1').lighthouseVersion + ', reports in $OUT/');
  if (!ok) { console.error('lighthouse: the app paints later than the goals allow'); process.exitCode = 1; }
"
