// Browser benchmark of the release bundle, in one headless-Chromium run (Debian's, through playwright-core).
// Run after `trunk build --release`:   node scripts/bench.mjs [--loads N] [--ticks N] [--services N] [--no-criterion]
//
// 1. First contentful paint: the app (dist/, served on loopback under /tools/strata/ as a static host serves it:
//    gzip, cache headers) against a static page of the same text: dist/index.html without its scripts (the
//    prerendered page as plain HTML, the same stylesheets). N loads each (default 9), alternating, each in a
//    fresh browser context (cold cache). Prints both medians and their ratio (goal: app ≤ 1.2 × static).
// 2. Time to interactive: from navigation start until the app's root carries `data-ready` (a MutationObserver
//    installed before any page script; the app starts once the first contentful paint is on screen), median
//    over the same loads; then the catalogue: from scrolling its section into view until its entries are in the
//    page (this fetches catalogue.html), and its first diagram: from scrolling it into view until its drawing is
//    in the page (this fetches the on-demand module).
// 3. Tick-to-update: with "flexible schema" ticked, clicking "ACID" flips the primary-store card between
//    relational and document. Measured inside the page: performance.now() just before the click, and again in a
//    MutationObserver callback when the card's data-choice has changed; also until the next animation frame
//    (when it can be painted). p50/p95 over --ticks clicks (default 240, after 20 unmeasured warm-up clicks).
//    Goal: p95 ≤ 4 ms. With --services N (2 to 16), the decision holds N services with 40-character names,
//    ticks, owned and read data (the first one ticked as above), and the system section is in the page (scrolled
//    to and drawn once before the clicks), so every tick also updates the switcher's headlines.
// 4. The engine alone: `cargo bench -p strata-core --bench recommend -- --noplot` (criterion), unless --no-criterion.
// Nothing leaves loopback; the browser gets the same no-network flags as the end-to-end tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LOADS = Math.max(7, option('--loads', 9));
const TICKS = Math.max(200, option('--ticks', 240));
const WARMUP = 20;
const SERVICES = Math.min(16, Math.max(1, option('--services', 1)));
/** The decision the ticks are measured on: one service, or N services owning and reading each other's data. */
function ticksFragment(n) {
  if (n === 1) return '';
  const ticks = ['acid', 'financial', 'full-text', 'social-feed,read-heavy', 'time-series', 'inventory', 'key-value', 'analytics'];
  const parts = ['v=1'];
  for (let i = 1; i <= n; i++) {
    const key = (k) => (i === 1 ? k : `${k}${i}`);
    const name = `Service number ${i} with a forty-char name`.slice(0, 40);
    parts.push(`${key('n')}=${encodeURIComponent(name)}`);
    parts.push(`${key('r')}=${i === 1 ? 'flexible-schema' : ticks[(i - 2) % ticks.length]}`);
    parts.push(`${key('o')}=Entity${i}`);
    parts.push(`${key('u')}=Entity${(i % n) + 1},Entity${((i + 1) % n) + 1}`);
  }
  return '#' + parts.join('&');
}
const dist = path.join(root, 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('bench: dist/index.html is missing; run `trunk build --release` first');
  process.exit(1);
}

const PREFIX = '/tools/strata/';
const STATIC_PAGE = PREFIX + 'static.html';
const VIEWPORT = { width: 1280, height: 800 };

// Installed before any script of the page: when `[data-ready]` appears, and a click-to-verdict timer.
const INIT = () => {
  const bench = (window.__bench = { ready: null });
  const seen = () => {
    if (bench.ready === null && document.querySelector('[data-ready]')) bench.ready = performance.now();
    return bench.ready !== null;
  };
  const watcher = new MutationObserver(() => seen() && watcher.disconnect());
  watcher.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });

  /** Resolves with ms from `act()` until `done()` holds (checked on every DOM change), or fails after 10 s. */
  const until = (act, done, what) => new Promise((resolve, reject) => {
    const start = performance.now();
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`${what} never happened`)); }, 10000);
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - start);
    });
    observer.observe(document.body, { subtree: true, childList: true });
    act();
  });
  /** Scrolls the catalogue's section into view; ms until its entries are in the page (catalogue.html fetched). */
  bench.catalogue = () => until(() => document.querySelector('#catalogue').scrollIntoView({ behavior: 'instant' }),
    () => document.querySelector('#catalogue figure.diagram'), 'the catalogue');
  /** Scrolls the catalogue's first figure into view; ms until its drawing is in the page (module fetched). */
  bench.firstDiagram = () => until(() => document.querySelector('#catalogue figure.diagram').scrollIntoView({ behavior: 'instant' }),
    () => document.querySelector('#catalogue figure.diagram svg'), 'the first diagram');

  /** Clicks #id; resolves with ms until the primary-store card's data-choice changed, and until the next frame. */
  bench.tick = (id) => new Promise((resolve, reject) => {
    const choice = () => document.querySelector('[data-rec="primary-store"]')?.getAttribute('data-choice');
    const before = choice();
    let start = 0;
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`no verdict change after clicking #${id}`)); }, 3000);
    const observer = new MutationObserver(() => {
      if (choice() === before) return;
      const updated = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ update: updated - start, frame: performance.now() - start }));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    start = performance.now();
    document.getElementById(id).click();
  });
};

const median = (xs) => percentile(xs, 50);
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank), hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const verdict = (ok) => (ok ? 'goal met' : 'goal NOT met');

// The static page: index.html without its scripts and preloads, i.e. the prerendered page as plain HTML.
const STATIC = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link\b[^>]*rel="?(modulepreload|preload)\b[^>]*>/g, '');
if (/<script/.test(STATIC)) throw new Error('bench: the static page still has a script');
const server = await serve(dist, PREFIX, { asHosted: true, extra: { [STATIC_PAGE]: ['text/html; charset=utf-8', STATIC] } });
const browser = await launch();
console.log(`static page: dist/index.html without its scripts (${(STATIC.length / 1024).toFixed(1)} KB of HTML)`);

async function fresh() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`bench: page error: ${e.message}`));
  return { context, page };
}

async function firstPaint(url, { app }) {
  const { context, page } = await fresh();
  await page.goto(url);
  if (app) await page.waitForFunction(() => window.__bench.ready !== null, null, { timeout: 15000 });
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 15000 });
  const result = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    ready: window.__bench.ready,
  }));
  if (app) {
    result.catalogue = await page.evaluate(() => window.__bench.catalogue());
    result.firstDiagram = await page.evaluate(() => window.__bench.firstDiagram());
  }
  await context.close();
  return result;
}

const appFcp = [], staticFcp = [], ready = [], catalogue = [], filled = [];
for (let i = 0; i < LOADS; i++) {
  const a = await firstPaint(server.url, { app: true });
  appFcp.push(a.fcp);
  ready.push(a.ready);
  catalogue.push(a.catalogue);
  filled.push(a.firstDiagram);
  staticFcp.push((await firstPaint(server.base + STATIC_PAGE, { app: false })).fcp);
}

let ticks;
{
  const { context, page } = await fresh();
  await page.goto(server.url + ticksFragment(SERVICES));
  await page.waitForSelector('[data-ready]', { timeout: 15000 });
  if (SERVICES === 1) {
    await page.click('#req-flexible-schema');
  } else {
    await page.locator('#system').scrollIntoViewIfNeeded();
    await page.waitForSelector('#system:not([aria-busy]) [data-rec="system"]', { timeout: 15000 });
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.waitForSelector('[data-rec="primary-store"]');
  ticks = await page.evaluate(async ([warmup, count]) => {
    const out = [];
    for (let i = 0; i < warmup + count; i++) {
      const t = await window.__bench.tick('req-acid');
      if (i >= warmup) out.push(t);
    }
    return out;
  }, [WARMUP, TICKS]);
  await context.close();
}
await browser.close();
await server.close();

const fcpRatio = median(appFcp) / median(staticFcp);
const update = ticks.map((t) => t.update), frame = ticks.map((t) => t.frame);
console.log(`\nheadless Chromium (${CHROMIUM_VERSION()}), ${LOADS} loads each, fresh context per load, viewport ${VIEWPORT.width}x${VIEWPORT.height}`);
console.log(`first contentful paint, app      median ${ms(median(appFcp))}   (all: ${appFcp.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`first contentful paint, static   median ${ms(median(staticFcp))}   (all: ${staticFcp.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`FCP ratio app/static             ${fcpRatio.toFixed(2)}   (goal ≤ 1.2: ${verdict(fcpRatio <= 1.2)})`);
console.log(`time to interactive ([data-ready]) median ${ms(median(ready))}   (all: ${ready.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`the catalogue, from scrolling to it until its entries are in (fetches catalogue.html) median ${ms(median(catalogue))}   (all: ${catalogue.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`its first diagram, from scrolling it into view until drawn (fetches the on-demand module) median ${ms(median(filled))}   (all: ${filled.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`tick-to-update over ${ticks.length} clicks (#req-acid with #req-flexible-schema ticked; relational <-> document; ${SERVICES} service${SERVICES > 1 ? 's' : ''}):`);
console.log(`  until the verdict is in the DOM  p50 ${ms(percentile(update, 50))}  p95 ${ms(percentile(update, 95))}  max ${ms(Math.max(...update))}   (goal p95 ≤ 4 ms: ${verdict(percentile(update, 95) <= 4)})`);
console.log(`  until the next animation frame   p50 ${ms(percentile(frame, 50))}  p95 ${ms(percentile(frame, 95))}`);

if (!args.includes('--no-criterion')) {
  console.log('\nengine alone: cargo bench -p strata-core --bench recommend -- --noplot');
  const run = spawnSync('cargo', ['bench', '-p', 'strata-core', '--bench', 'recommend', '--', '--noplot'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    console.error(run.stderr.split('\n').slice(-20).join('\n'));
    process.exit(1);
  }
  let name = '';
  for (const line of run.stdout.split('\n')) {
    const m = line.match(/^(.*?)\s*time:\s+\[(.+?)\]/);
    if (m) {
      console.log(`  ${(m[1].trim() || name).padEnd(40)} [${m[2]}]`);
    } else if (line.trim() && !/^\s/.test(line) && !/^(Benchmarking|Found|Gnuplot|Warning)/.test(line)) {
      name = line.trim();
    }
  }
}

function CHROMIUM_VERSION() {
  const v = spawnSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
  return (v.stdout.match(/Chromium [\d.]+/) || ['Chromium'])[0];
}
