// Offline use and a strict CSP: the single-file page from file:// with no network, the hosted bundle under
// its own Content-Security-Policy, no request after load, and the zip of the bundle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { assert, assertEqual } from './harness.mjs';

const choice = (page, section) =>
  page.getAttribute(`[data-rec="${section}"]`, 'data-choice', { timeout: 2000 }).catch(() => null);

// Records CSP violations from the very start of the page, before any script of the app runs.
const LISTEN_FOR_VIOLATIONS = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sourceFile || ''}:${e.lineNumber}`);
  });
};

/** Like harness.openApp, plus the CSP listener, a log of requests, and `setup(context)` before the load. */
async function open(browser, url, { setup, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  if (setup) await setup(context);
  await context.addInitScript(LISTEN_FOR_VIOLATIONS);
  const page = await context.newPage();
  page.problems = [];
  page.requests = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chromium asks the host for /favicon.ico by itself; the test server has none at its root.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) page.problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => page.requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('[data-ready]', { timeout: 15000 });
  return page;
}

const violations = (page) => page.evaluate(() => window.__cspViolations);

// The on-demand module's files (scripts/size-report.mjs lists them as "on demand").
const EXTRAS = /\/strata-extras-[0-9a-f]+(\.js|_bg\.wasm)$/;

/** Loads the extras module through the page's global, as the app does, and calls it. */
const catalogueLength = (page) => page.evaluate(async () => (await globalThis.strataExtras()).catalogue_html().length);

/** Ticks, presets, in-page links, clearing: everything a visitor clicks that needs no download or clipboard. */
async function clickAround(page) {
  await page.click('#req-flexible-schema');
  await page.waitForSelector('[data-rec="primary-store"][data-choice="document"]', { timeout: 5000 });
  const boxes = await page.$$('input[type="checkbox"][id^="req-"]');
  for (const box of boxes.slice(0, 4)) await box.click();
  const preset = await page.$('button[id^="preset-"]');
  if (preset) await preset.click();
  const more = await page.$('.card-foot a');
  if (more) await more.click();
  const clear = await page.$('#clear-all:not([disabled])');
  if (clear) await clear.click();
  await page.click('#req-flexible-schema');
  await page.waitForSelector('[data-rec="primary-store"][data-choice="document"]', { timeout: 5000 });
}

/** The names in a zip's central directory (no zip64; the bundle is small). */
function zipNames(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert(end >= 0, 'the zip has an end-of-central-directory record');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assertEqual(bytes.readUInt32LE(at), 0x02014b50, `central directory entry ${i}`);
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => bytes.readUInt16LE(at + o));
    const local = bytes.readUInt32LE(at + 42);
    assertEqual(bytes.readUInt32LE(local), 0x04034b50, `local header of entry ${i}`);
    names.push(bytes.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

export function tests({ dist, server, browser }) {
  return [
    ['strata-offline.html works from file:// with every network request aborted', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-offline-'));
      const file = path.join(dir, 'strata-offline.html');
      fs.copyFileSync(path.join(dist, 'strata-offline.html'), file);
      const aborted = [];
      const page = await open(browser, pathToFileURL(file).href, {
        offline: true,
        setup: (context) => context.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file:')) return route.continue();
          aborted.push(url);
          return route.abort();
        }),
      });
      await page.click('#req-flexible-schema');
      await page.waitForSelector('[data-rec="primary-store"][data-choice="document"]', { timeout: 5000 });
      assertEqual(await choice(page, 'primary-store'), 'document', 'primary store after ticking flexible schema');
      // Diagrams come from the on-demand module, inlined in the file.
      await page.click('#req-acid');
      await page.waitForSelector('figure.diagram svg', { timeout: 10000 });
      assert(await catalogueLength(page) > 1000, 'the inlined extras module answers');
      assertEqual(aborted, [], 'nothing tried to reach the network');
      assertEqual(page.requests.filter((u) => u !== pathToFileURL(file).href), [], 'nothing fetched but the page');
      assertEqual(await violations(page), [], 'no CSP violation');
      assertEqual(page.problems, [], 'no errors in the console');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert(/script-src ('sha256-[^']+' ){2}'wasm-unsafe-eval'/.test(csp) && !csp.includes('unsafe-inline'), csp);
      await page.context().close();
      fs.rmSync(dir, { recursive: true, force: true });
    }],

    ['the hosted bundle runs under its strict CSP with no violation', async () => {
      const page = await open(browser, server.url);
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert(csp && csp.includes("script-src 'self' 'wasm-unsafe-eval'") && !csp.includes('unsafe-inline'), `CSP: ${csp}`);
      assertEqual(await violations(page), [], 'no CSP violation after load');
      assertEqual(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline script');
      assertEqual(await page.$$eval('style', (s) => s.length), 0, 'no inline style');
      await clickAround(page);
      assertEqual(await violations(page), [], 'no CSP violation after ticks and clicks');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['after load, ticking and clicking around makes no network request but the on-demand module, once', async () => {
      const page = await open(browser, server.url);
      const after = [];
      page.on('request', (r) => after.push(`${r.method()} ${r.url()}`));
      await clickAround(page);
      await page.waitForTimeout(300);
      const extras = after.filter((r) => EXTRAS.test(r));
      assertEqual(after.filter((r) => !EXTRAS.test(r)), [], 'requests after [data-ready]');
      assertEqual(extras.length, new Set(extras).size, `the on-demand module is fetched at most once: ${extras}`);
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['the on-demand module loads under the sub-path and the CSP, once, only when asked for', async () => {
      const page = await open(browser, server.url);
      const loader = await page.getAttribute('script[src*="/extras-"], script[src^="extras-"]', 'src');
      assert(loader && (await page.getAttribute(`script[src="${loader}"]`, 'integrity'))?.startsWith('sha384-'), `loader ${loader} with SRI`);
      assertEqual(await page.evaluate(() => typeof globalThis.strataExtras), 'function', 'the global is defined');
      const before = page.requests.filter((u) => EXTRAS.test(u));
      const [length, again] = await Promise.all([catalogueLength(page), catalogueLength(page)]);
      assert(length > 1000 && again === length, `catalogue_html() is ${length} characters`);
      const fetched = page.requests.filter((u) => EXTRAS.test(u)).slice(before.length);
      assertEqual(fetched.length + before.length, 2, `the glue and the wasm, once each: ${[...before, ...fetched]}`);
      const base = new URL('./', server.url).href;
      assert([...before, ...fetched].every((u) => u.startsWith(base)), `under ${base}`);
      assertEqual(await violations(page), [], 'no CSP violation');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['strata-dist.zip holds the whole bundle', async () => {
      const zip = path.join(dist, 'strata-dist.zip');
      assert(fs.existsSync(zip), 'dist/strata-dist.zip exists');
      const names = zipNames(fs.readFileSync(zip));
      assert(names.includes('index.html'), `index.html in ${names}`);
      const files = fs.readdirSync(dist).filter((f) => f !== 'strata-dist.zip' && fs.statSync(path.join(dist, f)).isFile());
      assertEqual(names.filter((n) => !n.includes('/')).sort(), files.sort(), 'every other file of dist/ and nothing more');
      let unzip = null;
      try { unzip = execFileSync('which', ['unzip'], { encoding: 'utf8' }).trim(); } catch { /* not installed */ }
      if (unzip) {
        const out = execFileSync(unzip, ['-t', zip], { encoding: 'utf8' });
        assert(out.includes('No errors detected'), out);
      }
    }],
  ];
}
