// End-to-end tests of the release bundle (dist/), served on loopback under a sub-path and driven in Debian's
// headless Chromium. Run after `trunk build --release`: `node tests/e2e/run.mjs`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp, run, assert, assertEqual } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const server = await serve(root, '/tools/strata/');
const browser = await launch();

const choice = (page, section) =>
  page.getAttribute(`[data-rec="${section}"]`, 'data-choice').catch(() => null);

const tests = [
  ['the bundle loads under a sub-path and a tick changes the page', async () => {
    const page = await openApp(browser, server.url);
    assert(await page.isVisible('[data-welcome]'), 'welcome state shown');
    await page.click('#req-flexible-schema');
    await page.waitForSelector('[data-rec="primary-store"]');
    assertEqual(await choice(page, 'primary-store'), 'document', 'primary store after ticking flexible schema');
    assert(page.url().includes('#v=1&r=flexible-schema'), `the link follows the tick: ${page.url()}`);
    assertEqual(page.problems, [], 'no errors in the console');
    await page.context().close();
  }],
];

const failed = await run(tests);
await browser.close();
await server.close();
process.exit(failed ? 1 : 0);
