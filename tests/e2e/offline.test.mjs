// Offline use and a strict CSP: the single-file page from file:// with no network, the hosted bundle under
// its own Content-Security-Policy, no request after load, and the zip of the bundle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { assert, assertEqual, openShare } from './harness.mjs';
import { drawByScrolling } from './app.test.mjs';

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

// The on-demand module's files (scripts/size-report.mjs lists them as "on demand"), and the stylesheet that
// comes with it (disabled in the page until then).
const EXTRAS = /\/strata-extras-[0-9a-f]+(\.js|_bg\.wasm)$/;
const DIAGRAMS_CSS = /\/diagrams-[0-9a-f]+\.css$/;
/** The catalogue's content stylesheet: enabled (fetched) with the catalogue or with the on-demand module. */
const CATALOGUE_CSS = /\/catalogue-[0-9a-f]+\.css$/;
/** The page's on-demand stylesheets. */
const ON_DEMAND_CSS = (u) => DIAGRAMS_CSS.test(u) || CATALOGUE_CSS.test(u);

/**
 * Loads the extras module through the page's global, as the app does, and asks it for the JSON record of an
 * empty decision: `boundary::Request::Json { fragment: "" }` in postcard is [4, 0] (variant 4, empty string);
 * the answer is `Response::Text` (variant 1), a varint length and the UTF-8 text. Returns that text.
 */
const askJson = (page) => page.evaluate(async () => {
  const bytes = (await globalThis.strataExtras()).answer(new Uint8Array([4, 0]));
  if (bytes[0] !== 1) throw new Error(`not a Response::Text: ${bytes.slice(0, 8)}`);
  let length = 0, shift = 0, at = 1;
  for (;;) { const b = bytes[at++]; length |= (b & 0x7f) << shift; shift += 7; if (b < 0x80) break; }
  return new TextDecoder().decode(bytes.slice(at, at + length));
});

// Counts calls of the page's `strataExtras()` (the only way to the on-demand module), from before any script runs.
const COUNT_MODULE_LOADS = () => {
  window.__extrasCalls = 0;
  let loader;
  Object.defineProperty(globalThis, 'strataExtras', {
    configurable: true,
    get() { return loader && ((...args) => { window.__extrasCalls++; return loader(...args); }); },
    set(f) { loader = f; },
  });
};

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
      // Clicked as a keyboard would (no scrolling into view): nothing below may come into view by itself.
      await page.$eval('#req-flexible-schema', (box) => box.click());
      await page.waitForSelector('[data-rec="primary-store"][data-choice="document"]', { timeout: 5000 });
      assertEqual(await choice(page, 'primary-store'), 'document', 'primary store after ticking flexible schema');
      // Diagrams come from the on-demand module, inlined in the file, which draws every one at once (nothing to
      // fetch, and the browser's own Print must have them all): the cards' and the catalogue's, unscrolled.
      await page.$eval('#req-acid', (box) => box.click());
      const figures = await page.locator('figure.diagram').count();
      assert(figures >= 16, `the cards' and the catalogue's ten figures: ${figures}`);
      await page.waitForFunction((n) => document.querySelectorAll('figure.diagram svg[role="img"]').length === n, figures, { timeout: 10000 });
      assertEqual(await page.evaluate(() => scrollY), 0, 'without scrolling');
      assert(JSON.parse(await askJson(page)).schema, 'the inlined extras module answers a typed request');
      // The catalogue is inline (nothing to fetch from a file), with its contents, and no link leaves the file.
      assert(await page.locator('#catalogue .toc').count() === 1 && await page.locator('#catalogue .entry').count() >= 15, 'the whole catalogue');
      assertEqual(await page.locator('a[href*="catalogue.html"]').count(), 0, 'no link to catalogue.html');
      assertEqual(await page.getAttribute('.masthead nav a[data-reveal="catalogue"]', 'href'), '#catalogue', 'the masthead points at the section');
      assertEqual(aborted, [], 'nothing tried to reach the network');
      assertEqual(page.requests.filter((u) => u !== pathToFileURL(file).href), [], 'nothing fetched but the page');
      assertEqual(await violations(page), [], 'no CSP violation');
      assertEqual(page.problems, [], 'no errors in the console');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert(/script-src ('sha256-[^']+' ){2}'wasm-unsafe-eval'/.test(csp) && !csp.includes('unsafe-inline'), csp);
      await page.context().close();
      fs.rmSync(dir, { recursive: true, force: true });
    }],

    ['the offline file takes an organisation catalogue by file, and refuses one a link names', async () => {
      const offline = pathToFileURL(path.join(dist, 'strata-offline.html')).href;
      const page = await open(browser, offline + '#r=flexible-schema,hierarchical');
      await page.setInputFiles('#catalogue-file', path.join(dist, 'catalog', 'example-org.json'));
      await page.waitForFunction(() => /Acme 2026-11/.test(document.querySelector('#catalogue-in-use').textContent), null, { timeout: 10000 });
      await page.waitForFunction(() => !document.querySelector('.card-body.pending'), null, { timeout: 10000 });
      const systems = await page.$$eval('[data-rec="primary-store"] .systems strong', (s) => s.map((x) => x.textContent));
      assertEqual(systems, ['DynamoDB', 'MongoDB'], 'the system on hold comes last, from the file');
      assertEqual(page.requests.filter((u) => !u.startsWith('file:')), [], 'nothing fetched');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
      const linked = await open(browser, offline + '#r=acid&catalog=catalog%2Fexample-org.json');
      await linked.waitForSelector('#catalogue-problems', { timeout: 10000 });
      assert(/opened from a file, so it fetches nothing: load catalog\/example-org\.json/.test(await linked.textContent('#catalogue-problems')), await linked.textContent('#catalogue-problems'));
      assert(await linked.isChecked('#req-acid'), 'the rest of the link applied');
      await linked.context().close();
    }],

    ['from the file, links and embed snippets that point at file:// come with a warning', async () => {
      const page = await open(browser, pathToFileURL(path.join(dist, 'strata-offline.html')).href + '#r=acid',
        { permissions: ['clipboard-read', 'clipboard-write'] });
      await openShare(page);
      const warning = page.locator('#share .file-warning');
      assert(await warning.isVisible(), 'the Share menu warns');
      assert(/opened from a file/.test(await warning.textContent()) && /file:\/\//.test(await warning.textContent()), await warning.textContent());
      await page.click('#copy-link');
      await page.waitForFunction(() => document.querySelector('#toolbar-status').textContent.trim() !== '');
      const said = await page.textContent('#toolbar-status');
      assert(/opened from a file/.test(said), `the feedback of Copy link warns too: ${said}`);
      await page.click('#open-embed');
      await page.waitForSelector('#embed-iframe');
      assert(/opened from a file/.test(await page.textContent('#embed-dialog .file-warning')), 'so does the Embed dialog');
      assert((await page.inputValue('#embed-iframe')).includes('file://'), 'whose snippets do point at file://');
      await page.keyboard.press('Escape');
      await page.context().close();
      // Served over http, none of that is said.
      const hosted = await open(browser, server.url + '#r=acid');
      await openShare(hosted);
      assertEqual(await hosted.locator('.file-warning').count(), 0, 'no warning when hosted');
      await hosted.context().close();
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

    ['a plain visit fetches nothing after load', async () => {
      const page = await open(browser, server.url, { setup: (context) => context.addInitScript(COUNT_MODULE_LOADS) });
      const after = [];
      page.on('request', (r) => after.push(r.url()));
      await page.waitForLoadState('networkidle');
      assertEqual(after, [], 'requests after [data-ready]');
      assertEqual(await page.evaluate(() => window.__extrasCalls), 0, 'the on-demand module was never asked for');
      assertEqual(page.requests.filter((u) => EXTRAS.test(u)), [], 'nor fetched');
      assertEqual(await page.locator('#catalogue figure.diagram, #catalogue .entry').count(), 0, 'the catalogue is not loaded');
      assertEqual(await page.getAttribute('#catalogue a[data-reveal="catalogue"]', 'href'), 'catalogue.html', 'its placeholder links to it');
      assertEqual(page.requests.filter((u) => u.endsWith('/catalogue.html') || ON_DEMAND_CSS(u)), [],
        'neither the catalogue nor the on-demand stylesheets were fetched');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['a link that opens a decision shows its verdicts at once and fetches the on-demand module once, to explain them', async () => {
      const page = await open(browser, server.url + '#r=acid,financial,microservices,schema-change', { setup: (context) => context.addInitScript(COUNT_MODULE_LOADS) });
      const loaded = [...page.requests];
      assert((await page.locator('[data-rec]').count()) > 5, 'the verdicts are there');
      await page.waitForSelector('[data-rec="primary-store"] .reasons-for', { timeout: 10000 });
      await page.waitForLoadState('networkidle');
      assertEqual(await page.locator('.card-body.pending').count(), 0, 'every card explained');
      const after = page.requests.filter((u) => !loaded.includes(u) || EXTRAS.test(u) || ON_DEMAND_CSS(u));
      const fetched = after.filter((u) => EXTRAS.test(u) || ON_DEMAND_CSS(u));
      assertEqual(fetched.length, 4, `the glue, the wasm and the on-demand stylesheets, once: ${fetched}`);
      assertEqual(after.filter((u) => !fetched.includes(u)), [], 'nothing else: not the catalogue');
      assertEqual(await page.locator('#catalogue figure.diagram, #catalogue .entry').count(), 0, 'the catalogue is not loaded');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['the on-demand module is fetched exactly once: the explanations, then every diagram and export use it', async () => {
      const page = await open(browser, server.url, { setup: (context) => context.addInitScript(COUNT_MODULE_LOADS) });
      const after = [];
      page.on('request', (r) => after.push(r.url()));
      await page.click('#req-acid');
      await page.click('#req-financial');
      await page.click('#req-microservices');
      const first = page.locator('.results figure.diagram').first();
      await first.scrollIntoViewIfNeeded();
      await first.locator('svg[role="img"]').waitFor({ timeout: 10000 });
      const fetched = after.filter((u) => EXTRAS.test(u) || ON_DEMAND_CSS(u));
      assertEqual(fetched.length, 4, `the glue, the wasm and the on-demand stylesheets: ${fetched}`);
      assert(await first.evaluate((f) => getComputedStyle(f.querySelector('.dg-box rect') ?? f.querySelector('rect')).strokeWidth !== '0px'), 'drawn with its stylesheet');
      // Every other diagram, the catalogue's too (it loads as it comes into view), and an export: the module's
      // files are not fetched again, and the catalogue page once.
      await drawByScrolling(page, 'figure.diagram:not(.unassessed figure):not(#catalogue figure)');
      await page.locator('#catalogue').scrollIntoViewIfNeeded();
      await page.locator('#catalogue .toc').waitFor({ timeout: 5000 });
      assertEqual(await drawByScrolling(page, '#catalogue figure.diagram'), 10, 'the catalogue\'s ten');
      await openShare(page);
      await page.click('#copy-adr');
      await page.waitForFunction(() => document.querySelector('#toolbar-status').textContent.trim() !== '');
      assertEqual(after.filter((u) => !fetched.includes(u)), [server.url + 'catalogue.html'], 'no other request but the catalogue');
      assertEqual(new Set(after).size, after.length, 'each file once');
      assertEqual(await page.evaluate(() => window.__extrasCalls) > 0, true, 'through the page\'s loader');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['scrolling to the catalogue loads it once and draws its diagrams, fetching the module once, under the CSP', async () => {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        const page = await open(browser, server.url, { viewport });
        const after = [];
        page.on('request', (r) => after.push(r.url()));
        await page.waitForLoadState('networkidle');
        assertEqual(after, [], 'nothing before the reader scrolls');
        await page.locator('#catalogue').scrollIntoViewIfNeeded();
        await page.locator('#catalogue .toc').waitFor({ timeout: 5000 });
        assertEqual(after.filter((u) => !ON_DEMAND_CSS(u)), [server.url + 'catalogue.html'], 'the catalogue, once it comes into view');
        assert(after.some((u) => CATALOGUE_CSS.test(u)), `with its stylesheet: ${after}`);
        assert(await page.locator('#catalogue .entry').count() >= 15, 'every entry');
        assertEqual(await drawByScrolling(page, '#catalogue figure.diagram'), 10, 'its ten diagrams, each drawn as it comes into view');
        const module = after.filter((u) => EXTRAS.test(u));
        assertEqual(module.length, 2, `the module, once: ${module}`);
        assertEqual(new Set(after).size, after.length, 'nothing twice');
        assertEqual(await violations(page), [], 'no CSP violation');
        assertEqual(page.problems, [], 'no errors in the console');
        await page.context().close();
      }
    }],

    ['after load, ticking and clicking around makes no network request but the on-demand module and the catalogue, once', async () => {
      const page = await open(browser, server.url);
      const after = [];
      page.on('request', (r) => after.push(`${r.method()} ${r.url()}`));
      await clickAround(page); // its "Read more" loads the catalogue
      await page.waitForLoadState('networkidle');
      const expected = (r) => EXTRAS.test(r) || ON_DEMAND_CSS(r.slice(4)) || r === `GET ${server.url}catalogue.html`;
      assertEqual(after.filter((r) => !expected(r)), [], 'requests after [data-ready]');
      assertEqual(after.length, new Set(after).size, `each at most once: ${after}`);
      assert(after.includes(`GET ${server.url}catalogue.html`), 'the card\'s "Read more" loaded the catalogue');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['the on-demand module loads under the sub-path and the CSP, once, only when asked for', async () => {
      const page = await open(browser, server.url);
      const loader = await page.getAttribute('script[src*="/extras-"], script[src^="extras-"]', 'src');
      assert(loader && (await page.getAttribute(`script[src="${loader}"]`, 'integrity'))?.startsWith('sha384-'), `loader ${loader} with SRI`);
      assertEqual(await page.evaluate(() => typeof globalThis.strataExtras), 'function', 'the global is defined');
      assertEqual(page.requests.filter((u) => EXTRAS.test(u)), [], 'nothing fetched before it is asked for');
      const [json, again] = await Promise.all([askJson(page), askJson(page)]);
      assert(JSON.parse(json).schema && again === json, `the JSON record: ${json.slice(0, 60)}`);
      const fetched = page.requests.filter((u) => EXTRAS.test(u));
      assertEqual(fetched.length, 2, `the glue and the wasm, once each: ${fetched}`);
      const base = new URL('./', server.url).href;
      assert(fetched.every((u) => u.startsWith(base)), `under ${base}`);
      assertEqual(await violations(page), [], 'no CSP violation');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['Print draws every diagram first, and print media shows them all', async () => {
      const page = await open(browser, server.url + '#r=acid,financial,microservices,schema-change', {
        // What the page holds when it asks the browser to print.
        setup: (context) => context.addInitScript(() => {
          window.print = () => { window.__printed = [...document.querySelectorAll('figure.diagram')].map((f) => !!f.querySelector('svg[role="img"]')); };
        }),
      });
      // Every figure is drawn for print; those folded away as not assessed are not printed.
      const cards = await page.locator('.results figure.diagram').count();
      const advised = await page.locator('.results figure.diagram:not(.unassessed figure)').count();
      assert(advised >= 6, `cards with diagrams: ${advised}`);
      // With the module loaded (it explains the cards), a figure near the viewport is drawn; the rest wait.
      assert(await page.locator('.results figure.diagram[data-state="waiting"]').count() > 0, 'some not drawn before printing');
      await openShare(page);
      await page.click('#print');
      await page.waitForFunction(() => window.__printed, null, { timeout: 10000 });
      const printed = await page.evaluate(() => window.__printed);
      assertEqual(printed.length, cards + 10, 'the cards\' and the catalogue\'s figures (Print loads the catalogue)');
      assertEqual(printed.filter((drawn) => !drawn).length, 0, 'every one drawn when print() is called');
      await page.emulateMedia({ media: 'print' });
      const shown = await page.$$eval('.results figure.diagram svg', (svgs) => svgs.filter((s) => s.getBoundingClientRect().height > 50).length);
      assertEqual(shown, advised, 'each advised card\'s diagram is laid out in print');
      const catalogued = await page.$$eval('#catalogue figure.diagram svg', (svgs) => svgs.filter((s) => s.getBoundingClientRect().height > 50).length);
      assertEqual(catalogued, 10, 'each catalogue entry\'s diagram is laid out in print');
      const fits = await page.$$eval('figure.diagram svg', (svgs) => svgs.every((s) => s.getBoundingClientRect().right <= document.documentElement.clientWidth + 1));
      assert(fits, 'every diagram fits the printed page');
      assert(await page.locator('#cat-relational').isVisible() && await page.locator('#cat-conflicts').isVisible(), 'the whole catalogue prints, after the decision');
      assertEqual(await page.locator('.diagram-actions').first().isVisible(), false, 'no buttons in print');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['beforeprint (the browser\'s own Print) reads the catalogue at once and draws every diagram before the next task once the module is loaded', async () => {
      const page = await open(browser, server.url + '#r=acid,financial,microservices,schema-change');
      const first = page.locator('.results figure.diagram').first();
      await first.scrollIntoViewIfNeeded();
      await first.locator('svg[role="img"]').waitFor({ timeout: 10000 });
      await page.evaluate(() => scrollTo(0, 0));
      const cards = await page.locator('.results figure.diagram').count();
      assertEqual(await page.locator('#catalogue .entry').count(), 0, 'the catalogue is not loaded yet');
      const [entries, drawn, total] = await page.evaluate(async () => {
        dispatchEvent(new Event('beforeprint'));
        const entries = document.querySelectorAll('#catalogue .entry').length; // right after the listeners ran
        // Microtasks only (no timer, no frame): what runs before the browser lays the page out for print.
        for (let i = 0; i < 20; i++) await Promise.resolve();
        return [entries, document.querySelectorAll('figure.diagram svg[role="img"]').length, document.querySelectorAll('figure.diagram').length];
      });
      assert(entries >= 15, `the catalogue is in the page when the listeners return: ${entries} entries`);
      assertEqual(total, cards + 10, 'the cards\' and the catalogue\'s figures');
      assertEqual(drawn, total, 'every figure drawn in the microtasks after beforeprint (the catalogue\'s as its page draws them)');
      // After printing, the app's figure component takes over the catalogue's slots (with its buttons).
      await page.evaluate(() => dispatchEvent(new Event('afterprint')));
      await page.waitForFunction(() => document.querySelectorAll('#catalogue figure.diagram button.download-svg').length === 10);
      assertEqual(await page.locator('#catalogue figure.diagram').count(), 10, 'one figure per slot');
      assertEqual(await page.locator('#catalogue figure.diagram svg[role="img"]').count(), 10, 'drawn by the app');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['strata-dist.zip holds the whole bundle', async () => {
      const zip = path.join(dist, 'strata-dist.zip');
      assert(fs.existsSync(zip), 'dist/strata-dist.zip exists');
      const names = zipNames(fs.readFileSync(zip));
      assert(names.includes('index.html') && names.includes('catalogue.html'), `index.html and catalogue.html in ${names}`);
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
