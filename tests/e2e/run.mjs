// End-to-end tests of the release bundle (dist/), served on loopback under a sub-path and driven in Debian's
// headless Chromium. Run after `trunk build --release` (and, for the crash panel's test,
// `trunk build --release --features crash-test --dist target/dist-crash-test`): `node tests/e2e/run.mjs [name-filter]`.
// Each `*.test.mjs` here exports `tests(ctx)` returning [name, async fn] pairs; ctx holds the server and browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, run } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const filter = process.argv[2] || '';
const server = await serve(dist, '/tools/strata/');
// The same release bundle built with the `crash-test` feature (scripts/test.sh builds it): the only bundle whose
// link can make the app fail on purpose, for the crash panel's test.
const crashDist = path.resolve(here, '../../target/dist-crash-test');
const crashServer = fs.existsSync(path.join(crashDist, 'index.html')) ? await serve(crashDist, '/tools/strata/') : null;
const browser = await launch();
const ctx = { dist, server, crashServer, browser };

const all = [];
for (const file of fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
  const mod = await import(pathToFileURL(path.join(here, file)));
  for (const [name, fn] of await mod.tests(ctx)) all.push([`${file.replace('.test.mjs', '')}: ${name}`, fn]);
}
const failed = await run(all.filter(([name]) => name.includes(filter)));
await browser.close();
await server.close();
if (crashServer) await crashServer.close();
process.exit(failed ? 1 : 0);
