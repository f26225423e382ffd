// Screenshots of the release bundle for people to look at: 1280×800 and 390×844, light and dark, after a preset,
// plus every diagram. Usage (after `trunk build --release`): node tests/e2e/screenshots.mjs [out-dir]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp } from './harness.mjs';
import { drawByScrolling } from './app.test.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, '../../docs/screenshots'));
fs.mkdirSync(out, { recursive: true });
const server = await serve(path.resolve(here, '../../dist'), '/tools/strata/');
const browser = await launch();

const sizes = [['desktop', 1280, 800], ['phone', 390, 844]];
for (const colorScheme of ['light', 'dark']) {
  for (const [name, width, height] of sizes) {
    const page = await openApp(browser, server.url, { viewport: { width, height }, colorScheme });
    await page.click('#preset-multi-region-saas');
    await page.waitForSelector('[data-rec="primary-store"]');
    // The explanations come with the on-demand module.
    await page.waitForFunction(() => !document.querySelector('.card-body.pending'), null, { timeout: 10000 });
    // Diagrams are drawn as they come near the viewport: scroll past them all, then back to the top.
    await drawByScrolling(page, '.results figure.diagram:not(.unassessed figure)');
    await page.evaluate(() => scrollTo(0, 0));
    const file = path.join(out, `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file });
    await page.locator('.results').screenshot({ path: path.join(out, `${name}-${colorScheme}-results.png`) });
    console.log('wrote', file);
    await page.context().close();
  }
  // A system of five services: the services panel, and the system section with its diagrams.
  const shop = 'n=Orders&r=acid,inventory&o=Order,OrderLine&u=Customer,Product&n2=Customers&r2=relationships-matter&o2=Customer'
    + '&n3=Catalog&r3=read-only-shared,flexible-schema&o3=Product&n4=Search&r4=full-text,read-heavy&u4=Product,Order'
    + '&n5=Payments&r5=financial,no-data-loss&o5=Payment&u5=Order';
  for (const [name, width, height] of sizes) {
    const system = await openApp(browser, server.url + '#' + shop, { viewport: { width, height }, colorScheme });
    await system.locator('#system').scrollIntoViewIfNeeded();
    await system.waitForSelector('#system:not([aria-busy]) [data-rec="system"]', { timeout: 10000 });
    await drawByScrolling(system, '#system figure.diagram');
    await system.evaluate(() => scrollTo(0, 0));
    await system.waitForFunction(() => !document.querySelector('.card-body.pending'), null, { timeout: 10000 });
    await system.screenshot({ path: path.join(out, `${name}-${colorScheme}-services.png`) });
    await system.locator('#system').screenshot({ path: path.join(out, `${name}-${colorScheme}-system.png`) });
    console.log('wrote the system,', name, colorScheme);
    await system.context().close();
  }
  const page = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 }, colorScheme });
  // The catalogue loads as it comes into view; its ten diagrams are drawn by the on-demand module likewise.
  await page.locator('#catalogue').scrollIntoViewIfNeeded();
  await page.locator('#catalogue .toc').waitFor({ timeout: 10000 });
  await drawByScrolling(page, '.catalogue figure.diagram');
  for (const figure of await page.locator('.catalogue figure.diagram').all()) {
    const id = await figure.getAttribute('data-diagram');
    await figure.screenshot({ path: path.join(out, `diagram-${id}-${colorScheme}.png`) });
  }
  console.log('wrote the catalogue diagrams,', colorScheme);
  await page.context().close();
}
await browser.close();
await server.close();
