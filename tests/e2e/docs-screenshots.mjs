// The screenshots of docs/HOSTING.md, from the release bundle in headless Chromium at 1000×700:
//   hosting-subpath.png  the app served under a sub-path (/tools/strata/), with a decision
//   embed-dialog.png     the "Embed…" dialog with its ready-made snippets
//   embed-iframe.png     a wiki-like host page showing the app's own iframe snippet (sandboxed, sized by
//                        the strata:height messages)
//   offline-file.png     strata-offline.html opened from file:// with the network off
// Usage (after `trunk build --release`): node tests/e2e/docs-screenshots.mjs [dist-dir] [out-dir]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, openApp, openShare } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] || path.join(here, '../../dist'));
const out = path.resolve(process.argv[3] || path.join(here, '../../docs/img'));
fs.mkdirSync(out, { recursive: true });

const VIEWPORT = { viewport: { width: 1000, height: 700 }, colorScheme: 'light' };
const DECISION = '#v=1&t=Orders%20service%20storage&r=acid,financial,no-data-loss,read-heavy';
const MAX_BYTES = 150 * 1024;

// Like a static host that allows the sandboxed embed (GitHub Pages sends this header by itself).
const extra = {};
const server = await serve(dist, '/tools/strata/', { headers: { 'access-control-allow-origin': '*' }, extra });
const browser = await launch();

async function shoot(page, name) {
  const file = path.join(out, name);
  await page.screenshot({ path: file, type: 'png' });
  const size = fs.statSync(file).size;
  console.log(`wrote ${path.relative(process.cwd(), file)} (${Math.round(size / 1024)} KB)`);
  if (size > MAX_BYTES) console.log(`  warning: larger than ${MAX_BYTES / 1024} KB`);
}

/** Headless Chromium draws no address bar: draws one above a 1000×660 shot, so the picture shows the URL. */
async function shootWithAddress(page, name, url) {
  await page.setViewportSize({ width: 1000, height: 660 });
  const shot = (await page.screenshot({ type: 'png' })).toString('base64');
  await page.setViewportSize(VIEWPORT.viewport);
  const frame = await browser.newPage(VIEWPORT);
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await frame.setContent(`<body style="margin:0;background:#dee1e6;font:14px system-ui,sans-serif">
<div style="height:40px;display:flex;align-items:center;padding:0 12px;box-sizing:border-box">
<div style="flex:1;background:#fff;border-radius:14px;padding:5px 14px;color:#202124;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">${esc(url)}</div></div>
<img style="display:block" width="1000" height="660" src="data:image/png;base64,${shot}"></body>`);
  await shoot(frame, name);
  await frame.close();
}

// 1. The app under a sub-path.
let page = await openApp(browser, server.url + DECISION, VIEWPORT);
await page.waitForSelector('[data-rec="primary-store"]');
await shootWithAddress(page, 'hosting-subpath.png', page.url());

// 2. The embed dialog.
await openShare(page);
await page.click('#open-embed');
await page.waitForSelector('dialog.embed-dialog[open] #embed-iframe'); // made by the on-demand module as it opens
await page.evaluate(() => { document.activeElement.blur(); document.querySelector('#embed-iframe').scrollTop = 0; });
await shoot(page, 'embed-dialog.png');
const snippet = await page.inputValue('#embed-iframe');
await page.context().close();

// 3. A wiki-like host page with the app's own iframe snippet, resized from the height messages.
extra['/wiki/orders.html'] = ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Orders service - Team wiki</title><link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #172b4d; background: #fff; }
  header { background: #0747a6; color: #fff; padding: .6rem 1.5rem; font-weight: 600; }
  main { max-width: 900px; margin: 0 auto; padding: 1rem 1.5rem; }
  h1 { font-size: 1.6rem; margin: .4rem 0; } .meta { color: #6b778c; font-size: .85rem; }
  iframe { display: block; border: 1px solid #dfe1e6 !important; border-radius: 4px; }
</style></head><body><header>Team wiki</header><main>
<h1>Orders service: storage decision</h1><p class="meta">Last edited by the orders team</p>
<p>We compared the options in Strata. The embedded record below stays in step with the link it was made from.</p>
${snippet}
</main><script>addEventListener('message', (e) => {
  if (e.data && e.data.type === 'strata:height') document.querySelector('iframe').style.height = e.data.height + 'px';
});</script></body></html>`];
const context = await browser.newContext(VIEWPORT);
page = await context.newPage();
await page.goto(server.base + '/wiki/orders.html');
const frame = page.frames().find((f) => f !== page.mainFrame());
await frame.waitForSelector('[data-ready]', { timeout: 15000 });
await frame.waitForSelector('[data-rec="primary-store"]');
await page.waitForTimeout(500); // let the height message resize the frame
await shoot(page, 'embed-iframe.png');
await context.close();

// 4. The single offline file, opened from file:// with every network request refused.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-docs-'));
const file = path.join(dir, 'strata-offline.html');
fs.copyFileSync(path.join(dist, 'strata-offline.html'), file);
page = await openApp(browser, pathToFileURL(file).href + DECISION, { ...VIEWPORT, offline: true });
await page.waitForSelector('[data-rec="primary-store"]');
await shootWithAddress(page, 'offline-file.png', page.url());
await page.context().close();
fs.rmSync(dir, { recursive: true, force: true });

await browser.close();
await server.close();
