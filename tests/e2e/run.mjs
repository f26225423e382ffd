// End-to-end tests of the release bundle (dist/), served on loopback under a sub-path and driven in Debian's
// headless Chromium. Run after `trunk build --release`: `node tests/e2e/run.mjs [name-filter]`.
// Each `*.test.mjs` here exports `tests(ctx)` returning [name, async fn] pairs; ctx holds the server and browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, run } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const filter = process.argv[2] || '';
const server = await serve(dist, '/tools/strata/');
const browser = await launch();
const ctx = { dist, server, browser };

const all = [];
for (const file of fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
  const mod = await import(pathToFileURL(path.join(here, file)));
  for (const [name, fn] of await mod.tests(ctx)) all.push([`${file.replace('.test.mjs', '')}: ${name}`, fn]);
}
const failed = await run(all.filter(([name]) => name.includes(filter)));
await browser.close();
await server.close();
process.exit(failed ? 1 : 0);
