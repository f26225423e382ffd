// A whole system of several services (issue 12): built by clicking and typing, with the keyboard too; its
// system section and diagrams from the on-demand module; shared by link and opened in a fresh browser; exported
// as an ADR (rendered) and the system diagram as SVG; and the embed of it.
import fs from 'node:fs';
import { openApp, openShare, assert, assertEqual } from './harness.mjs';
import { axeViolations } from './app.test.mjs';

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** Types into a text field and commits it with Enter, as a person does. */
async function enter(page, selector, text) {
  await page.fill(selector, text);
  await page.press(selector, 'Enter');
}

/** The switcher's buttons: each service's name and headline. */
const switcher = (page) => page.$$eval('.service-list button', (bs) => bs.map((b) => [
  b.querySelector('strong').textContent, b.querySelector('span').textContent, b.getAttribute('aria-pressed')]));

/** Scrolls the system section into view and waits for the module's answer for the decision as it is now. */
async function systemShown(page) {
  await page.locator('#system').scrollIntoViewIfNeeded();
  await page.waitForSelector('#system:not([aria-busy]) [data-rec="system"]', { timeout: 10000 });
  return page.$$eval('#system [data-rec="system"]', (cs) => cs.map((c) => `${c.dataset.choice}/${c.dataset.verdict}`));
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(selector)]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

export function tests({ server, browser }) {
  return [
    ['a three-service system built by clicking is shared by link, reopened fresh, exported as ADR and SVG', async () => {
      const page = await openApp(browser, server.url, CLIPBOARD);
      assert(!(await page.isVisible('#service-name')), 'one service, nothing typed: its fields are folded away');
      await page.click('.service-details > summary');
      await enter(page, '#service-name', 'Orders');
      await page.click('#req-acid');
      await page.click('#req-inventory');
      await enter(page, '#service-owns', 'Order, OrderLine');
      await enter(page, '#service-reads', 'Customer');

      await page.click('#service-add');
      assertEqual(await page.evaluate(() => document.activeElement.id), 'service-name', 'the new service\'s name has the focus');
      await page.keyboard.type('Customers');
      await page.keyboard.press('Enter');
      await page.click('#req-relationships-matter');
      await enter(page, '#service-owns', 'Customer');

      await page.click('#service-add');
      await enter(page, '#service-name', 'Search');
      await page.click('#req-full-text');
      await page.click('#req-read-heavy');
      await enter(page, '#service-reads', 'Order, Customer');

      assertEqual(await switcher(page), [
        ['Orders', 'relational, strong, semi-sync', 'false'],
        ['Customers', 'relational; strong, semi-sync by default', 'false'],
        ['Search', 'relational + search; strong, semi-sync by default', 'true'],
      ], 'each service with its headline, the one edited pressed');
      const cards = await systemShown(page);
      for (const kind of ['data-access/recommended', 'cqrs-read-model/recommended', 'replication-summary/recommended']) {
        assert(cards.includes(kind), `system card ${kind}: ${cards}`);
      }
      assert(!cards.some((c) => c.startsWith('two-owners') || c.startsWith('no-owner')), `no ownership problem: ${cards}`);
      assertEqual(await page.locator('#system figure.diagram').count(), 3, 'the system diagram and the two pattern diagrams');
      await page.locator('#system figure[data-diagram="system"]').scrollIntoViewIfNeeded();
      await page.waitForSelector('#system figure[data-diagram="system"][data-state="drawn"]', { timeout: 10000 });
      const drawn = await page.textContent('#system figure[data-diagram="system"] svg');
      for (const name of ['Orders', 'Customers', 'Search', 'owns Order', 'Elasticsearch']) {
        assert(drawn.includes(name), `the system diagram shows ${name}: ${drawn.slice(0, 400)}`);
      }

      await openShare(page);
      await page.click('#copy-link');
      await page.waitForFunction(() => /copied/i.test(document.querySelector('#toolbar-status').textContent), null, { timeout: 5000 });
      const link = await page.evaluate(() => navigator.clipboard.readText());
      for (const part of ['n=Orders', 'o=Order,OrderLine', 'n2=Customers', 'n3=Search', 'u3=Order,Customer']) {
        assert(link.includes(part), `the link carries ${part}: ${link}`);
      }
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();

      // A fresh browser context: nothing stored, only the link.
      const fresh = await openApp(browser, link);
      assertEqual((await switcher(fresh)).map(([n, h]) => [n, h]), [
        ['Orders', 'relational, strong, semi-sync'],
        ['Customers', 'relational; strong, semi-sync by default'],
        ['Search', 'relational + search; strong, semi-sync by default'],
      ], 'the same services reopen');
      assertEqual(await fresh.inputValue('#service-owns'), 'Order, OrderLine', 'the first service is edited, with its data');
      assertEqual(await systemShown(fresh), cards, 'the same system advice');

      const adr = await (async () => { await openShare(fresh); return download(fresh, '#download-adr'); })();
      const { default: MarkdownIt } = await import('markdown-it');
      const html = new MarkdownIt({ html: true }).render(adr.text);
      const h2 = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
      for (const name of ['Orders', 'Customers', 'Search']) {
        assert(h2.some((h) => h.includes(name)), `a section for ${name}: ${h2}`);
      }
      assert(h2.some((h) => /system/i.test(h)), `a system section: ${h2}`);
      assert(/<table>/.test(html) && /```mermaid|<code class="language-mermaid">/.test(html), 'tables and Mermaid blocks render');

      await fresh.locator('#system figure[data-diagram="system"]').scrollIntoViewIfNeeded();
      await fresh.waitForSelector('#system figure[data-diagram="system"][data-state="drawn"]', { timeout: 10000 });
      const svg = await download(fresh, '#system figure[data-diagram="system"] .download-svg');
      assert(svg.name.endsWith('.svg'), `file name: ${svg.name}`);
      assert(svg.text.startsWith('<?xml') && svg.text.includes('<svg'), 'an SVG file');
      for (const name of ['Orders', 'Customers', 'Search', 'events']) assert(svg.text.includes(name), `the SVG names ${name}`);
      assertEqual(fresh.problems, [], 'no errors in the fresh browser');
      await fresh.context().close();
    }],

    ['services are managed from the keyboard, and removing one can be undone', async () => {
      const page = await openApp(browser, server.url + '#n=Orders&r=acid&n2=Users&n3=Search');
      await page.focus('#service-tab-3');
      await page.keyboard.press('Enter');
      assertEqual(await page.inputValue('#service-name'), 'Search', 'Enter on a service selects it');
      await page.focus('#service-up');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      assertEqual((await switcher(page)).map(([n]) => n), ['Search', 'Orders', 'Users'], 'moved to the top');
      assertEqual(await page.evaluate(() => document.activeElement.id), 'service-down', 'the focus is not lost on a disabled button');
      await page.focus('#service-remove');
      await page.keyboard.press('Enter');
      assertEqual((await switcher(page)).map(([n]) => n), ['Orders', 'Users']);
      assertEqual(await page.evaluate(() => document.activeElement.id), 'service-undo', 'Undo is next');
      await page.keyboard.press('Enter');
      assertEqual((await switcher(page)).map(([n]) => n), ['Search', 'Orders', 'Users'], 'Undo brings it back');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['a pasted 200-character name and an entity owned twice are said in place; nothing typed is lost', async () => {
      const page = await openApp(browser, server.url + '#n=Orders&o=Order&n2=Billing');
      await page.click('#service-tab-2');
      const long = 'Invoices '.repeat(23).slice(0, 200);
      await enter(page, '#service-name', long);
      assertEqual(await page.inputValue('#service-name'), long, 'the field keeps all 200 characters');
      assert(/first 120 characters/.test(await page.textContent('#service-name-help')), 'the cut is said beside the field');
      await enter(page, '#service-owns', 'Invoice, order');
      assert(/“order” is also owned by Orders/.test(await page.textContent('#service-owns-help')), await page.textContent('#service-owns-help'));
      const cards = await systemShown(page);
      assert(cards.includes('two-owners/avoid'), `the system advice names the conflict: ${cards}`);
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['no accessibility violations with several services, a warning in place and the system section, light and dark', async () => {
      for (const colorScheme of ['light', 'dark']) {
        const page = await openApp(browser, server.url + '#n=Orders&r=acid,inventory&o=Order,Customer&u=Product&n2=Users&r2=relationships-matter&o2=Customer&n3=Search&r3=full-text&u3=Order',
          { colorScheme });
        await systemShown(page);
        await page.locator('#system figure[data-diagram="system"]').scrollIntoViewIfNeeded();
        await page.waitForSelector('#system figure[data-diagram="system"][data-state="drawn"]', { timeout: 10000 });
        await page.waitForFunction(() => !document.querySelector('.card-body.pending'), null, { timeout: 10000 });
        assert(await page.isVisible('#service-owns-help.warning'), 'the two owners are said beside the field');
        assertEqual(await axeViolations(page), [], `axe violations in ${colorScheme} mode`);
        await page.context().close();
      }
    }],

    ['a five-service shop: the system diagrams scroll in their figures, never the page', async () => {
      // Its system diagram is about 1,300 px wide: wider than any column it sits in.
      const link = 'n=Orders&r=acid,inventory&o=Order,OrderLine&u=Customer,Product&n2=Customers&r2=relationships-matter&o2=Customer'
        + '&n3=Catalog&r3=read-only-shared,flexible-schema&o3=Product&n4=Search&r4=full-text,read-heavy&u4=Product,Order'
        + '&n5=Payments&r5=financial,no-data-loss&o5=Payment&u5=Order';
      for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
        const page = await openApp(browser, server.url + '#' + link, { viewport });
        await systemShown(page);
        for (const diagram of ['system', 'database-per-service', 'single-source-of-truth']) {
          const figure = page.locator(`#system figure[data-diagram="${diagram}"]`);
          await figure.scrollIntoViewIfNeeded();
          await page.waitForSelector(`#system figure[data-diagram="${diagram}"][data-state="drawn"]`, { timeout: 10000 });
        }
        const [page_, window_, svg] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth,
          document.querySelector('#system figure[data-diagram="system"] svg').getBoundingClientRect().width]);
        assert(svg > 1000, `the system diagram is drawn at its size: ${svg} px`);
        assert(page_ <= window_, `the page is ${page_} px wide in a ${window_} px window`);
        assertEqual(page.problems, [], 'no errors');
        await page.context().close();
      }
    }],

    ['Print waits for the system section, so the printout has its advice and diagrams', async () => {
      // Nothing ticked: nothing to explain, so the on-demand module is not there and the section not asked for.
      const page = await openApp(browser, server.url + '#n=Orders&o=Order&n2=Billing&u2=Order', {
        setup: undefined,
      });
      await page.evaluate(() => {
        window.print = () => {
          window.__printed = {
            busy: !!document.querySelector('#system[aria-busy]'),
            cards: document.querySelectorAll('#system [data-rec="system"]').length,
            drawn: document.querySelectorAll('#system figure.diagram svg[role="img"]').length,
            others: [...document.querySelectorAll('.service-print h2')].map((h) => h.textContent),
          };
        };
      });
      assert(await page.isVisible('#system[aria-busy]'), 'not asked for yet: far below');
      await openShare(page);
      await page.click('#print');
      await page.waitForFunction(() => window.__printed, null, { timeout: 15000 });
      const printed = await page.evaluate(() => window.__printed);
      assert(!printed.busy && printed.cards >= 3 && printed.drawn === 3, `printed: ${JSON.stringify(printed)}`);
      assertEqual(printed.others, ['Service: Billing'], 'the other service is in the printout too');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['the browser\'s own Print prints every service\'s cards, each under its name, and only while printing', async () => {
      const page = await openApp(browser, server.url + '#n=Orders&r=acid&o=Order&n2=Billing&r2=financial,audit-trail&u2=Order&n3=Search&r3=full-text&u3=Order');
      await page.waitForSelector('#system:not([aria-busy]) [data-rec="system"]', { timeout: 10000 });
      assertEqual(await page.locator('.card-body.pending').count(), 0, 'the cards are explained');
      assertEqual(await page.locator('.service-print').count(), 0, 'not while the page is on screen');
      const printed = await page.evaluate(async () => {
        dispatchEvent(new Event('beforeprint'));
        // Microtasks only (no timer, no frame): what runs before the browser lays the page out for print.
        for (let i = 0; i < 20; i++) await Promise.resolve();
        return {
          selected: [...document.querySelectorAll('.results h2.print-only')].map((h) => h.textContent),
          others: [...document.querySelectorAll('.service-print')].map((s) => [s.querySelector('h2').textContent,
            s.querySelectorAll('article.card').length, s.querySelectorAll('[data-rec]').length]),
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        };
      });
      assertEqual(printed.selected, ['Service: Orders'], 'the selected service is named in print too');
      assertEqual(printed.others.map(([name]) => name), ['Service: Billing', 'Service: Search'], 'the others, in order');
      for (const [name, cards, recs] of printed.others) {
        assert(cards >= 2 && recs === 0, `${name}: ${cards} cards, ${recs} with the page's data-rec`);
      }
      assert(printed.others[0][1] >= 4, `Billing's cards: ${printed.others[0][1]}`);
      assertEqual(printed.ids.length, new Set(printed.ids).size, 'no id twice in the page');
      await page.emulateMedia({ media: 'print' });
      assert(await page.locator('.service-print').first().isVisible(), 'shown in print');
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => dispatchEvent(new Event('afterprint')));
      await page.waitForFunction(() => !document.querySelector('.service-print'));
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['the system section comes with the cards\' explanations, far below the viewport, so Tab cannot pass it while it loads', async () => {
      const page = await openApp(browser, server.url + '#n=Orders&r=acid&o=Order&n2=Billing&r2=financial&u2=Order');
      await page.waitForSelector('#system:not([aria-busy]) [data-rec="system"]', { timeout: 10000 });
      const below = await page.$eval('#system', (s) => s.getBoundingClientRect().top - innerHeight);
      assert(below > 300, `still far below the viewport (${below}px): nearness did not ask for it`);
      assertEqual(await page.locator('.card-body.pending').count(), 0, 'the cards are explained');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],

    ['the embed of a system shows its section without page chrome', async () => {
      const page = await openApp(browser, server.url + '#embed&n=Orders&r=acid&o=Order&n2=Billing&r2=financial&u2=Order');
      assert(!(await page.isVisible('.picker')), 'no picker in an embed');
      const cards = await systemShown(page);
      assert(cards.length >= 3, `system cards: ${cards}`);
      assertEqual(await page.locator('#system figure button').count(), 0, 'no download or copy in an embed');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    }],
  ];
}
