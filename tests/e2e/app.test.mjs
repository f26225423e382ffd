// The app a user lands on: ticks, verdict cards, links that restore a decision.
import { openApp, assert, assertEqual } from './harness.mjs';

export const choice = (page, section) =>
  page.getAttribute(`[data-rec="${section}"]`, 'data-choice', { timeout: 2000 }).catch(() => null);

/** Scrolls each figure matching `selector` into view in turn and waits until it shows its drawing. */
export async function drawByScrolling(page, selector) {
  const figures = await page.locator(selector).all();
  for (const figure of figures) {
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('svg[role="img"]').waitFor({ timeout: 10000 });
  }
  return figures.length;
}

export function tests({ server, crashServer, browser }) {
  return [
    ['the bundle loads under a sub-path and a tick changes the page', async () => {
      const page = await openApp(browser, server.url);
      assert(await page.isVisible('[data-welcome]'), 'welcome state shown');
      await page.click('#req-flexible-schema');
      await page.waitForSelector('[data-rec="primary-store"]');
      assertEqual(await choice(page, 'primary-store'), 'document', 'primary store after ticking flexible schema');
      await page.waitForFunction(() => location.hash === '#v=1&r=flexible-schema'); // the link follows the tick
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['a shared link restores a payments decision with its reasons, and unticking changes it', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial,no-data-loss');
      assert(await page.isChecked('#req-acid'), 'acid ticked from the link');
      assertEqual(await choice(page, 'primary-store'), 'relational', 'primary store');
      assertEqual(await page.getAttribute('[data-rec="primary-store"]', 'data-verdict'), 'recommended', 'verdict');
      assertEqual(await choice(page, 'consistency'), 'strong', 'consistency');
      const reasons = await page.textContent('[data-rec="primary-store"] .reasons-for');
      assert(/ACID/.test(reasons) && /Financial/.test(reasons), `reasons name the ticks: ${reasons}`);
      const consistency = await page.textContent('[data-rec="consistency"]');
      assert(/Because you ticked/.test(consistency), 'consistency explains itself');

      await page.click('#req-acid');
      await page.click('#req-financial');
      const after = await page.textContent('[data-rec="primary-store"]');
      assert(!/Financial transactions/.test(after), `financial no longer a reason: ${after}`);
      await page.waitForFunction(() => location.hash === '#v=1&r=no-data-loss'); // the link follows
      await page.click('#req-no-data-loss');
      assert(await page.isVisible('[data-welcome]'), 'nothing ticked: welcome state');
      assertEqual(page.problems, [], 'no console errors');
      await page.context().close();
    }],

    ['unknown ids in a link are named in a polite notice and the rest applies', async () => {
      const page = await openApp(browser, server.url + '#r=social-feed,quantum-storage');
      assert(await page.isChecked('#req-social-feed'), 'known id applied');
      const notice = await page.textContent('[data-notice]');
      assert(notice.includes('quantum-storage'), `notice names the unknown id: ${notice}`);
      await page.click('[data-notice] button');
      assertEqual(await page.locator('[data-notice]').count(), 0, 'notice dismissed');
      await page.context().close();
    }],

    ['the picker works from the keyboard alone', async () => {
      const page = await openApp(browser, server.url);
      await page.focus('#req-acid');
      await page.keyboard.press('Space');
      assert(await page.isChecked('#req-acid'), 'space ticks the focused checkbox');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement.id);
      assertEqual(focused, 'req-flexible-schema', 'tab moves to the next requirement');
      await page.focus('#preset-social-feed');
      await page.keyboard.press('Enter');
      assertEqual(await choice(page, 'consistency'), 'eventual', 'a preset applied from the keyboard');
      await page.context().close();
    }],

    ['a crash shows a polite panel whose buttons recover the page (bundle built with the crash-test feature)', async () => {
      assert(crashServer, 'target/dist-crash-test is missing: run `trunk build --release --features crash-test --dist target/dist-crash-test`');
      let page = await openApp(browser, crashServer.url + '#r=acid&strata-crash-test');
      await page.waitForSelector('[data-crash]', { timeout: 5000 });
      assertEqual(await page.getAttribute('[data-crash]', 'role'), 'alert', 'the panel is announced');
      await Promise.all([page.waitForEvent('load'), page.click('[data-crash-action=again]')]);
      await page.waitForFunction(() => !document.querySelector('[data-crash]') && document.querySelector('[data-ready]'));
      assert(await page.isChecked('#req-acid'), 'trying again keeps the decision');
      assert(!page.url().includes('?again'), `query tidied away: ${page.url()}`);
      await page.context().close();

      page = await openApp(browser, crashServer.url + '#r=acid&strata-crash-test');
      await page.waitForSelector('[data-crash]', { timeout: 5000 });
      await Promise.all([page.waitForEvent('load'), page.click('[data-crash-action=reset]')]);
      await page.waitForFunction(() => !document.querySelector('[data-crash]') && document.querySelector('[data-ready]'));
      assert(await page.isVisible('[data-welcome]'), 'starting again shows the welcome state');
      assert(!(await page.isChecked('#req-acid')), 'nothing ticked after starting again');
      await page.context().close();
    }],

    ['a link cannot make the shipped bundle fail on purpose', async () => {
      const page = await openApp(browser, server.url + '#r=acid&strata-crash-test');
      assert(await page.isChecked('#req-acid'), 'the decision in the link applies');
      // The crash panel would be inserted in the task that mounts the app; the app answers a tick after that.
      await page.click('#req-financial');
      await page.waitForSelector('[data-rec="primary-store"][data-choice="relational"]');
      assertEqual(await page.locator('[data-crash]').count(), 0, 'no crash panel');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['every card with a diagram shows it once in view, drawn from the decision, with a text version', async () => {
      const page = await openApp(browser, server.url + '#r=no-data-loss,acid,microservices,schema-change,switch-database,audit-trail');
      // The cards the ticks decided (those not assessed are folded away: their figures draw once opened).
      const shown = '.results figure.diagram:not(.unassessed figure)';
      const count = await page.locator(shown).count();
      assert(count >= 6, `cards with diagrams: ${count}`);
      assertEqual(await drawByScrolling(page, shown), count, 'every figure drew');
      assertEqual(await page.locator(`${shown}:not([data-state="drawn"])`).count(), 0, 'every one drawn');
      assertEqual(await page.locator(`${shown}[aria-busy]`).count(), 0, 'none still busy');
      const replication = await page.getAttribute('[data-rec="replication"]', 'data-choice');
      const svg = page.locator('[data-rec="replication"] svg');
      assert((await svg.textContent()).includes(replication.replace('primary-replica-', '')), 'the replication mode is on the arrows');
      assert((await svg.textContent()).includes('PostgreSQL'), 'the recommended store is in the boxes');
      const labelled = await svg.getAttribute('aria-labelledby');
      assert(labelled && (await page.locator(`[id="${labelled.split(' ')[0]}"]`).count()) === 1, 'the title is referenced');
      assert((await page.locator('[data-rec="replication"] details li').count()) > 1, 'a text version describes the flow');
      // A different decision redraws the diagram with the new replication mode: without "no data loss",
      // low latency makes it async.
      await page.click('#req-no-data-loss');
      await page.click('#req-low-latency');
      const after = await page.getAttribute('[data-rec="replication"]', 'data-choice');
      assert(after !== replication, `replication changed: ${replication} -> ${after}`);
      const mode = after.replace('primary-replica-', '');
      await page.waitForFunction((m) => document.querySelector('[data-rec="replication"] svg')?.textContent.includes(`${m} replication`), mode);
      assertEqual(page.problems, [], 'no console errors');
      await page.context().close();
    }],

    ['Copy Mermaid copies the exact text, and when the clipboard refuses, a text area holds it with its lines', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial', { permissions: ['clipboard-read', 'clipboard-write'] });
      const figure = page.locator('[data-rec="replication"] figure.diagram');
      await figure.locator('button.copy-mermaid').click();
      await figure.locator('.action-status', { hasText: 'copied' }).waitFor({ timeout: 10000 });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert(copied.startsWith('flowchart') && copied.split('\n').length > 3, `Mermaid with its lines: ${copied}`);
      await page.context().close();

      const refused = await openApp(browser, server.url + '#r=acid,financial');
      await refused.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
      const again = refused.locator('[data-rec="replication"] figure.diagram');
      await again.locator('button.copy-mermaid').click();
      const area = again.locator('textarea.manual-copy');
      await area.waitFor({ timeout: 10000 });
      assertEqual(await area.inputValue(), copied, 'the text area holds exactly the Mermaid text, newlines and all');
      assert(/did not allow copying/.test(await again.locator('.action-status').textContent()), 'it says why');
      assertEqual(refused.problems, [], 'no console errors');
      await refused.context().close();
    }],

    ['the checklist is pre-filled from the decision, editable, and kept in the link', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial');
      assert(await page.isChecked('#check-svc-storage'), 'storage is answered by the recommendation');
      assert((await page.textContent('#check-svc-storage + label + .answer')).includes('PostgreSQL'), 'with its answer');
      assert(!(await page.isChecked('#check-svc-backup')), 'backup is left for the user');
      await page.click('#check-svc-backup');
      await page.click('#check-svc-storage');
      await page.waitForFunction(() => location.hash.includes('c=svc-backup,-svc-storage'));
      const link = page.url();
      const again = await openApp(browser, link);
      assert(await again.isChecked('#check-svc-backup'), 'the user tick comes back from the link');
      assert(!(await again.isChecked('#check-svc-storage')), 'and so does the untick');
      await again.context().close();
      await page.context().close();
    }],

    ['following "Read more" loads the catalogue, lands on the entry, marked, with a way back, and keeps the decision in the link', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial');
      await page.waitForFunction(() => location.hash === '#v=1&r=acid,financial');
      const fetched = [];
      page.on('request', (r) => fetched.push(r.url()));
      assertEqual(await page.locator('#cat-relational').count(), 0, 'the catalogue is not in the first load');
      const more = page.locator('[data-rec="primary-store"] [data-reveal]');
      await more.click();
      await page.waitForFunction(() => document.activeElement.id === 'cat-relational', null, { timeout: 5000 });
      assert(await page.locator('#cat-relational').isVisible(), 'the entry is there and shown');
      assertEqual(fetched.filter((u) => u.endsWith('/catalogue.html')).length, 1, 'catalogue.html fetched once');
      assertEqual(await page.$$eval('[data-highlight]', (els) => els.map((e) => e.id)), ['cat-relational'], 'the target is marked');
      const back = page.locator('#cat-decision-matrix .back-to-decision a');
      assertEqual((await back.textContent()).trim(), '\u2190 Back to your decision', 'the way back is in the entry');
      assertEqual(new URL(page.url()).hash, '#v=1&r=acid,financial', 'the link still holds the decision');
      // From the keyboard: the way back is the next stop before the entry's table, and it returns to the card's link.
      await page.keyboard.press('Shift+Tab');
      assertEqual(await page.evaluate(() => document.activeElement.textContent), '\u2190 Back to your decision', 'reached by keyboard');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement.closest('[data-rec="primary-store"]') !== null);
      assertEqual(await page.evaluate(() => document.activeElement.getAttribute('data-reveal')), 'cat-relational', 'focus is back on "Read more"');
      assertEqual(await page.locator('[data-highlight], .back-to-decision a').count(), 0, 'the mark and the way back go');
      assertEqual(new URL(page.url()).hash, '#v=1&r=acid,financial', 'and the link still holds the decision');
      // Following another card's link uses the catalogue already there.
      await page.click('[data-rec="consistency"] [data-reveal]');
      await page.waitForFunction(() => document.activeElement.id === 'cat-strong');
      assertEqual(fetched.filter((u) => u.endsWith('/catalogue.html')).length, 1, 'not fetched again');
      assertEqual(await axeViolations(page), [], 'axe, with the catalogue loaded and an entry marked');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['the masthead\'s Decide and Catalogue and the contents work from the keyboard without touching the link', async () => {
      const page = await openApp(browser, server.url + '#r=acid');
      await page.waitForFunction(() => location.hash === '#v=1&r=acid');
      const nav = await page.$$eval('.masthead nav a', (links) => links.map((a) => a.textContent));
      assertEqual(nav, ['Decide', 'Catalogue'], 'the masthead\'s links');
      await page.focus('.masthead nav a[data-reveal="catalogue"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement.id === 'catalogue' && document.querySelector('#catalogue .toc'));
      const contents = await page.$$eval('#catalogue .toc a', (links) => links.map((a) => a.getAttribute('data-reveal')));
      assert(contents.length >= 15, `contents: ${contents}`);
      for (const id of contents) assertEqual(await page.locator(`[id="${id}"]`).count(), 1, `${id} is in the catalogue`);
      await page.focus('#catalogue .toc a[data-reveal="cat-parallel-run"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement.id === 'cat-parallel-run');
      assertEqual(await page.$$eval('[data-highlight]', (els) => els.map((e) => e.id)), ['cat-parallel-run'], 'the entry is marked');
      assertEqual(await page.locator('.back-to-decision a').count(), 0, 'no way back: no card led here');
      await page.focus('.masthead nav a[data-reveal="app"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement.id === 'app');
      assertEqual(new URL(page.url()).hash, '#v=1&r=acid', 'the link still holds the decision');
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],

    ['the skip link moves the focus to the results and keeps the decision in the link', async () => {
      const page = await openApp(browser, server.url + '#r=acid');
      await page.waitForFunction(() => location.hash === '#v=1&r=acid');
      await page.keyboard.press('Tab');
      assertEqual(await page.evaluate(() => document.activeElement.className), 'skip-link', 'the first stop');
      await page.keyboard.press('Enter');
      assertEqual(await page.evaluate(() => document.activeElement.id), 'results', 'the results have the focus');
      assertEqual(new URL(page.url()).hash, '#v=1&r=acid', 'the link still holds the decision');
      await page.context().close();
    }],

    ['without JavaScript the page reads, and links to the catalogue, a page that reads without it, diagrams and all', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(server.url);
      assert(await page.isVisible('text=Start with what your system needs'), 'the welcome state is in the page');
      assert(await page.isVisible('label[for="req-acid"]'), 'the requirements are listed');
      const noscript = page.locator('p.noscript');
      assert(/needs JavaScript/.test(await noscript.textContent()), 'it says ticking needs JavaScript');
      assertEqual(await page.locator('[data-ready]').count(), 0, 'nothing claims to be the live app');
      assertEqual(await page.locator('#cat-relational').count(), 0, 'the catalogue is a page of its own');
      await Promise.all([page.waitForEvent('load'), noscript.locator('a').click()]);
      assertEqual(new URL(page.url()).pathname, '/tools/strata/catalogue.html', 'the <noscript> links to it');
      assert(await page.isVisible('#cat-relational'), 'the catalogue is readable');
      assert(await page.locator('#catalogue table').count() >= 3, 'its tables are there');
      assertEqual(await page.locator('#catalogue figure.diagram svg[role="img"]').count(), 10, 'every diagram drawn');
      assertEqual(await page.locator('script').count(), 0, 'no script at all');
      assertEqual(await page.getAttribute('.masthead nav a[aria-current="page"]', 'href'), '#catalogue', 'it is the current page');
      await Promise.all([page.waitForEvent('load'), page.click('.masthead nav a:text("Decide")')]);
      assertEqual(new URL(page.url()).pathname, '/tools/strata/', '"Decide" goes back to the app');
      await context.close();
    }],

    ['catalogue.html reads on its own with JavaScript on too: diagrams drawn, contents as plain anchors', async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await page.goto(server.url + 'catalogue.html');
      assertEqual(await page.title(), 'The catalogue · Strata', 'its own title');
      assertEqual(await page.locator('#catalogue figure.diagram svg[role="img"]').count(), 10, 'every diagram drawn');
      await page.click('#catalogue .toc a[data-reveal="cat-multi-primary"]');
      assertEqual(new URL(page.url()).hash, '#cat-multi-primary', 'a plain anchor on this page');
      assertEqual(await axeViolations(page), [], 'axe');
      assertEqual(problems, [], 'no errors in the console');
      await page.close();
    }],

    ['the app takes over the prerendered page without moving it', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // Hold the wasm back so the prerendered page paints first, as on a slow network.
      await page.route('**/*.wasm', async (route) => { await new Promise((ok) => setTimeout(ok, 400)); await route.continue(); });
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
      const before = await page.evaluate(() => !document.querySelector('[data-ready]')
        && document.querySelector('#req-acid') !== null);
      await page.waitForSelector('[data-ready]');
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => window.__shift);
      assert(before, 'the prerendered page painted, picker and all, before the app arrived');
      assert(shift < 0.01, `cumulative layout shift while the app takes over: ${shift}`);
      await context.close();
    }],

    ['every diagram\'s text is at least 12 CSS px at 390 and 1440 px, and the page itself never scrolls sideways', async () => {
      // The decisions with the most diagrams on their cards, and the catalogue's ten.
      for (const width of [390, 1440]) {
        const page = await openApp(browser, server.url + '#r=microservices,monolith-transition,schema-change,switch-database,audit-trail,rebuild-views,no-data-loss,multi-region,local-writes',
          { viewport: { width, height: 900 } });
        await page.locator('#catalogue').scrollIntoViewIfNeeded();
        await page.locator('#catalogue .toc').waitFor({ timeout: 5000 });
        const figures = await drawByScrolling(page, 'figure.diagram');
        assert(figures >= 16, `cards' and catalogue's figures at ${width} px: ${figures}`);
        const sizes = await page.$$eval('figure.diagram svg[role="img"]', (svgs) => svgs.map((svg) => {
          const texts = [...svg.querySelectorAll('text')];
          // The rendered size: the font size in the drawing's units times the drawing's scale on screen.
          const px = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
          return { diagram: svg.closest('figure').dataset.diagram, texts: texts.length, smallest: Math.min(...px) };
        }));
        assertEqual(sizes.length, figures, 'every figure measured');
        for (const s of sizes) {
          assert(s.texts > 0, `${s.diagram} has text`);
          assert(s.smallest >= 12 - 0.01, `${s.diagram} at ${width} px: smallest text ${s.smallest.toFixed(2)} px`);
        }
        const wide = await page.$$eval('.diagram-svg', (boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1)
          .map((b) => b.getAttribute('tabindex')));
        assert(wide.every((t) => t === '0'), `a drawing wider than its column scrolls and takes the focus: ${wide}`);
        assertEqual(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, `no sideways scroll of the page at ${width} px`);
        assertEqual(page.problems, [], 'no errors in the console');
        await page.context().close();
      }
    }],

    ['no accessibility violations (axe-core), light and dark', async () => {
      for (const colorScheme of ['light', 'dark']) {
        const page = await openApp(browser, server.url + '#r=acid,financial,multi-region,local-writes,strong-consistency,schema-change',
          { colorScheme });
        const violations = await axeViolations(page);
        assertEqual(violations, [], `axe violations in ${colorScheme} mode`);
        await page.context().close();
      }
    }],
  ];
}

/** Runs axe-core in the page and returns its violations (ids with the first offending nodes). */
export async function axeViolations(page) {
  const { createRequire } = await import('node:module');
  const source = (await import('node:fs')).readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
