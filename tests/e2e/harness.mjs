// A small end-to-end harness: serves a directory on loopback under a sub-path, drives Debian's Chromium with
// playwright-core, and prints one closing line "N passed, N failed". No browser is downloaded.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
  '--disable-background-networking', '--disable-component-update',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.zip': 'application/zip', '.txt': 'text/plain',
};

/**
 * Serves `root` under `prefix` (e.g. "/tools/strata/") on 127.0.0.1; `extra` maps paths to [type, body].
 * With `asHosted`, as a static host serves the bundle (docs/HOSTING.md): text and wasm gzipped when the client
 * accepts it, files with a content hash in their name cached for a year, the rest revalidated.
 */
export async function serve(root, prefix, { headers = {}, extra = {}, asHosted = false } = {}) {
  const send = (req, res, type, body) => {
    const more = {};
    if (asHosted) {
      more['cache-control'] = /-[0-9a-f]{16}(_bg)?\.(js|css|wasm)$/.test(req.url) ? 'public, max-age=31536000, immutable' : 'no-cache';
      if (/gzip/.test(req.headers['accept-encoding'] || '') && /^(text\/|application\/(wasm|json|javascript)|image\/svg)/.test(type)) {
        more['content-encoding'] = 'gzip';
        more.vary = 'accept-encoding';
        body = zlib.gzipSync(body, { level: 6 });
      }
    }
    res.writeHead(200, { 'content-type': type, ...more, ...headers });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra[url.pathname]) {
      const [type, body] = extra[url.pathname];
      return send(req, res, type, Buffer.from(body));
    }
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); return res.end('not found'); }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    send(req, res, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, url: base + prefix, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a page that fails the test on any page error or console error, and waits until the app has mounted
 * (the root carries `data-ready`).
 */
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForSelector('[data-ready]', { timeout: 15000 });
  return page;
}

/** Opens the Share menu, where the export buttons (#copy-link, #copy-adr, #download-adr, #download-json, #print,
 * #open-embed) live, unless it is open. */
export async function openShare(page) {
  if (!(await page.locator('#share').evaluate((menu) => menu.open))) await page.click('#share > summary');
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, message) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Runs named async tests in order and prints the closing line. Returns the number failed. */
export async function run(tests) {
  let passed = 0, failed = 0;
  for (const [name, fn] of tests) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed;
}
