// Organisation catalogues (issue 13): a company's own file, loaded by the file picker or dropped on the page,
// kept in this browser, named by the link from the page's own site; what it changes on the cards (a system on
// hold never first, its cloud mappings), what it refuses (a broken file, another site's address) without
// changing anything, and the way back to the built-in catalogue.
import fs from 'node:fs';
import path from 'node:path';
import { serve, openApp, openShare, assert, assertEqual } from './harness.mjs';
import { axeViolations } from './app.test.mjs';

const EXAMPLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/catalog/example-org.json');

/** The primary-store card's example systems, in order, each with its status badge. */
const systems = (page, choice) => page.$$eval(`[data-rec="primary-store"][data-choice="${choice}"] .systems > li`,
  (lis) => lis.map((li) => `${li.querySelector('strong').textContent}:${li.querySelector('.status')?.textContent ?? ''}`));

/** Waits until the catalogue panel is idle and every card is explained. */
async function settled(page) {
  await page.waitForSelector('.catalogue-panel:not([aria-busy])', { timeout: 10000 });
  await page.waitForFunction(() => !document.querySelector('.card-body.pending'), null, { timeout: 10000 });
}

async function chooseFile(page, file) {
  await page.setInputFiles('#catalogue-file', file);
  await settled(page);
}

export function tests({ server, browser, dist }) {
  return [
    ['an organisation file chosen in the picker demotes a system on hold, shows its clouds, and is kept', async () => {
      const page = await openApp(browser, server.url + '#r=flexible-schema,hierarchical,key-value');
      await settled(page);
      assertEqual(await systems(page, 'document'), ['MongoDB:', 'DynamoDB:'], 'the built-in order, no statuses');
      assert(/Catalogue: Strata \d{4}-\d{2} \(built in\)/.test(await page.textContent('#catalogue-in-use')), await page.textContent('#catalogue-in-use'));

      await chooseFile(page, EXAMPLE);
      assertEqual(await page.textContent('#catalogue-in-use'), "Catalogue: Acme 2026-11 (your organisation's)");
      assertEqual(await systems(page, 'document'), ['DynamoDB:Adopt', 'MongoDB:Hold'], 'the system on hold comes last');
      const kv = await page.textContent('[data-rec="store"][data-choice="key-value"]');
      assert(kv.includes('Amazon ElastiCache for Valkey') && !kv.includes('Memcached'), `Acme's mapping: ${kv}`);
      assert((await page.textContent('#based-on')).includes('Catalogue: Acme 2026-11'), 'the answer says which catalogue advised');
      assert(await page.isVisible('.catalogue-panel a[href="https://wiki.acme.example/data-platform"]'), 'the organisation\'s handbook link');

      // The exports record it.
      await openShare(page);
      const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
      const record = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
      assertEqual(record.catalog.organisation.name, 'Acme', 'the JSON names the organisation catalogue');

      // Kept in this browser: a new visit advises with it.
      await page.reload();
      await page.waitForSelector('[data-ready]');
      await settled(page);
      assertEqual(await page.textContent('#catalogue-in-use'), "Catalogue: Acme 2026-11 (your organisation's)", 'kept');
      assertEqual(await systems(page, 'document'), ['DynamoDB:Adopt', 'MongoDB:Hold']);

      // One click back to the built-in catalogue, which is kept too.
      await page.click('#catalogue-builtin');
      await settled(page);
      assertEqual(await systems(page, 'document'), ['MongoDB:', 'DynamoDB:'], 'the built-in catalogue again');
      await page.reload();
      await page.waitForSelector('[data-ready]');
      assert((await page.textContent('#catalogue-in-use')).includes('(built in)'), 'and it stays so');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['a broken file is refused with the place of each problem, and nothing else changes', async () => {
      const page = await openApp(browser, server.url + '#r=flexible-schema,acid');
      await chooseFile(page, EXAMPLE);
      const before = await page.$$eval('[data-rec]', (cs) => cs.map((c) => `${c.dataset.rec}=${c.dataset.choice}`));
      const broken = { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "name": "Beta",\n  "reviewed": "2026-11-20",\n}\n') };
      await chooseFile(page, broken);
      const problems = await page.textContent('#catalogue-problems');
      assert(/did not change/.test(problems) && /line 4, column 1: trailing comma/.test(problems), problems);
      assertEqual(await page.textContent('#catalogue-in-use'), "Catalogue: Acme 2026-11 (your organisation's)", 'Acme stays in use');
      assertEqual(await page.$$eval('[data-rec]', (cs) => cs.map((c) => `${c.dataset.rec}=${c.dataset.choice}`)), before, 'the same advice');
      assert(await page.isChecked('#req-acid'), 'the same ticks');
      const wrong = { name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "Beta", "reviewed": "2026-11-20", "stores": [{"store": "wide-column"}], "rules": [{"requirement": "acid", "section": "primary-store", "option": "relational", "weight": 99}]}') };
      await chooseFile(page, wrong);
      const listed = await page.$$eval('#catalogue-problems li', (lis) => lis.map((li) => li.textContent));
      assert(listed.some((p) => p.startsWith("stores[0].store: unknown store kind 'wide-column'")), listed.join(' | '));
      assert(listed.some((p) => p.startsWith('rules[0].weight: 99 is out of bounds')), listed.join(' | '));
      const huge = { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(20_000_000, 32) };
      await chooseFile(page, huge);
      assert(/the file is 20\.0 MB/.test(await page.textContent('#catalogue-problems')), 'refused from its size');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['no accessibility violations with an organisation catalogue and a refused file, light and dark', async () => {
      for (const colorScheme of ['light', 'dark']) {
        const page = await openApp(browser, server.url + '#r=flexible-schema,hierarchical,key-value', { colorScheme });
        await chooseFile(page, EXAMPLE);
        await chooseFile(page, { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{') });
        assert(await page.isVisible('#catalogue-problems'), 'the problems are shown');
        assertEqual(await axeViolations(page), [], `axe violations in ${colorScheme} mode`);
        await page.context().close();
      }
    }],

    ['a file dropped on the page is used as the catalogue', async () => {
      const page = await openApp(browser, server.url + '#r=flexible-schema,hierarchical');
      const text = fs.readFileSync(EXAMPLE, 'utf8');
      await page.evaluate((json) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([json], 'acme.json', { type: 'application/json' }));
        const at = document.querySelector('#results');
        at.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        at.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, text);
      await settled(page);
      assertEqual(await page.textContent('#catalogue-in-use'), "Catalogue: Acme 2026-11 (your organisation's)");
      assert(page.url().startsWith(server.url), 'the page stayed');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['a link names a catalogue on the same site; another site\'s address is refused and never fetched', async () => {
      const page = await openApp(browser, server.url + '#r=flexible-schema,hierarchical&catalog=catalog/example-org.json');
      await settled(page);
      assertEqual(await page.textContent('#catalogue-in-use'), "Catalogue: Acme 2026-11 (your organisation's)", 'the link\'s catalogue');
      await page.waitForFunction(() => location.hash.includes('catalog=catalog%2Fexample-org.json'), null, { timeout: 5000 });
      await page.click('#req-key-value');
      await page.waitForFunction(() => location.hash.includes('key-value') && location.hash.includes('catalog='), null, { timeout: 5000 });
      await page.context().close();

      const other = await serve(dist, '/elsewhere/');
      const asked = [];
      const cross = await openApp(browser, server.url + `#r=acid&catalog=${encodeURIComponent(other.url + 'catalog/example-org.json')}`);
      cross.on('request', (r) => asked.push(r.url()));
      await cross.waitForSelector('#catalogue-problems', { timeout: 10000 });
      const said = await cross.textContent('#catalogue-problems');
      assert(/another site/.test(said) && /was not fetched/.test(said), said);
      assert(!cross.problems.length && !asked.some((u) => u.startsWith(other.base)), `nothing fetched from the other site: ${asked}`);
      assert((await cross.textContent('#catalogue-in-use')).includes('(built in)'), 'the built-in catalogue advises');
      assert(await cross.isChecked('#req-acid'), 'the rest of the link applied');
      await cross.context().close();
      await other.close();
    }],
  ];
}
