// The answer at a glance, on every screen (issue 14): the summary strip in view after a tick at phone, tablet and
// desktop widths, linking each decided part to its card; on a phone a tick far down the picker changes what is in
// view; cards no tick decided folded away; the active example marked and Undo; short notices; the embed's
// heading, the tab title and the print footer.
import { openApp, openShare, assert, assertEqual } from './harness.mjs';
import { axeViolations } from './app.test.mjs';

const SIZES = [['phone', 390, 844], ['tablet', 768, 1024], ['desktop', 1440, 900]];

/** The strip's box against the viewport, and its links: [target id, text]. */
const strip = (page) => page.evaluate(() => {
  const nav = document.querySelector('nav.glance');
  if (!nav) return null;
  const r = nav.getBoundingClientRect();
  return {
    top: r.top, bottom: r.bottom, height: innerHeight, text: nav.innerText,
    links: [...nav.querySelectorAll('a[data-reveal]')].map((a) => [a.dataset.reveal, a.textContent]),
  };
});

const inView = (s) => s && s.top >= 0 && s.bottom <= s.height + 0.5;

/** Every card the ticks decided (outside the folded group): [id, title]. */
const advised = (page) => page.$$eval('[data-rec]', (cards) => cards
  .filter((c) => !c.matches('.unassessed'))
  .map((c) => [c.id, c.querySelector('h3').textContent, c.dataset.rec]));

export function tests({ server, browser }) {
  const sized = SIZES.map(([name, width, height]) => [
    `${name} (${width} px): after a tick the summary strip is in view, names each decided part and links to its card`,
    async () => {
      const page = await openApp(browser, server.url, { viewport: { width, height }, reducedMotion: 'reduce' });
      assertEqual(await strip(page), null, 'no strip before anything is ticked');
      await page.click('#req-financial');
      await page.waitForSelector('nav.glance');
      const s = await strip(page);
      assert(inView(s), `the strip is in the viewport without scrolling: ${JSON.stringify(s)}`);
      const cards = await advised(page);
      assert(cards.length >= 4, `decided cards: ${cards}`);
      for (const [id, title, section] of cards) {
        if (section === 'conflict') continue; // the strip counts conflicts and links the first
        assert(s.links.some(([target, text]) => target === id && text === title), `the strip links ${title} to #${id}: ${s.text}`);
      }
      // Following a link brings its card into view, below the strip, with the focus.
      const [target] = s.links.find(([id]) => id.startsWith('rec-replication-'));
      await page.click(`nav.glance a[data-reveal="${target}"]`);
      await page.waitForFunction((id) => document.activeElement?.id === id, target);
      const placed = await page.evaluate((id) => {
        const card = document.getElementById(id).getBoundingClientRect();
        const nav = document.querySelector('nav.glance').getBoundingClientRect();
        return { card: card.top, strip: [nav.top, nav.bottom], height: innerHeight, hash: location.hash };
      }, target);
      const covered = placed.strip[0] <= placed.card && placed.card < placed.strip[1];
      assert(placed.card >= 0 && placed.card < placed.height && !covered, `the card is in view, not under the strip: ${JSON.stringify(placed)}`);
      assert(!placed.hash.includes('rec-'), `the link still holds the decision: ${placed.hash}`);
      assert(inView(await strip(page)), 'the strip is still in view');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
    },
  ]);

  return [
    ...sized,

    ['on a phone, a tick far down the picker changes what is in view, and the page does not move', async () => {
      const page = await openApp(browser, server.url + '#r=acid', { viewport: { width: 390, height: 844 } });
      await page.locator('#req-local-writes').scrollIntoViewIfNeeded();
      const y = await page.evaluate(() => scrollY);
      assert(y > 844, `the tick is screens below the top: ${y}`);
      const before = await strip(page);
      assert(inView(before) && !/Multi-primary/.test(before.text), `the strip, in view: ${before && before.text}`);
      await page.$eval('#req-local-writes', (box) => box.click());
      await page.waitForFunction(() => /Multi-primary/.test(document.querySelector('nav.glance').innerText));
      const after = await strip(page);
      assert(inView(after), `the changed strip is in view: ${JSON.stringify(after)}`);
      assertEqual(await page.evaluate(() => scrollY), y, 'the page did not move');
      const box = await page.locator('#req-local-writes').boundingBox();
      assert(box.y + box.height <= after.top, 'the strip does not cover the tick');
      await page.context().close();
    }],

    ['cards no tick decided are folded under "Not assessed by your answers (N)"; a second store says its role', async () => {
      const page = await openApp(browser, server.url + '#r=acid,flexible-schema', { viewport: { width: 1440, height: 900 } });
      const folded = page.locator('.card.unassessed');
      const n = await folded.count();
      assert(n >= 4, `folded cards: ${n}`);
      assertEqual((await page.textContent('#not-assessed')).trim(), `Not assessed by your answers (${n})`, 'the count');
      assertEqual(await page.locator('details.not-assessed').evaluate((d) => d.open), false, 'closed');
      assertEqual(await page.locator('[data-rec].unassessed:visible').count(), 0, 'the defaults are out of sight');
      assertEqual(await page.locator('[data-rec="pattern"]:not(.unassessed)').count(), 0, 'no pattern shown as advice');
      assert((await strip(page)).text.includes(`Not assessed: ${n}`), 'the strip counts them');
      await page.click('#not-assessed');
      assertEqual(await page.locator('[data-rec].unassessed:visible').count(), n, 'opened, they show');
      assert(await page.locator('.unassessed[data-rec="pattern"]').first().isVisible(), 'the patterns among them');
      // The document store is an alternative to the relational primary, not a second "Recommended".
      const alt = page.locator('[data-rec="store"][data-choice="document"]');
      assertEqual(await alt.getAttribute('data-role'), 'alternative', 'data-role');
      assertEqual((await alt.locator('.badge').textContent()).trim(), 'Alternative', 'the badge');
      assertEqual(await page.locator('[data-rec="store"][data-verdict="recommended"][data-role="alternative"]').count(), 0,
        'no alternative is recommended');
      await page.context().close();
    }],

    ['an example marks itself, and Undo brings back the ticks it replaced', async () => {
      const page = await openApp(browser, server.url, { viewport: { width: 390, height: 844 } });
      assertEqual((await page.textContent('.presets-title')).trim(), 'Start from an example', 'a visible label');
      assert(await page.isVisible('#preset-booking-system >> text=never be sold twice'), 'its line, without hover');
      await page.click('#req-acid');
      await page.click('#req-graph');
      await page.click('#preset-booking-system');
      assertEqual(await page.getAttribute('#preset-booking-system', 'aria-pressed'), 'true', 'marked active');
      assertEqual(await page.locator('.presets [aria-pressed="true"]').count(), 1, 'only that one');
      const undo = page.locator('#undo');
      assert(await undo.isVisible(), 'Undo is offered');
      assert(/replaced your 2 ticks/.test(await page.textContent('section.picker > .undo')), await page.textContent('section.picker > .undo'));
      await undo.click();
      assert(await page.isChecked('#req-acid') && await page.isChecked('#req-graph'), 'the own ticks are back');
      assert(!(await page.isChecked('#req-booking')), 'the example\'s are gone');
      assertEqual(await page.getAttribute('#preset-booking-system', 'aria-pressed'), 'false', 'no longer marked');
      await page.waitForFunction(() => location.hash === '#v=1&r=acid,graph');
      assertEqual(await undo.count(), 0, 'Undo is gone');
      await page.context().close();
    }],

    ['a link naming thousands of unknown ids gets a short notice, and each notice is said once', async () => {
      // 2,000 ids: a link under the 16 KB the decoder reads.
      const ids = Array.from({ length: 2000 }, (_, i) => `x${i}`);
      const page = await openApp(browser, `${server.url}#r=acid,${ids.join(',')}`);
      const notices = await page.$$eval('[data-notice] p', (ps) => ps.map((p) => p.textContent));
      assertEqual(notices.length, 1, `one notice: ${notices.map((n) => n.slice(0, 80))}`);
      assert(notices[0].includes("\u201cx0\u201d") && notices[0].includes('\u2026 and 1,995 more'), notices[0]);
      assert(notices[0].length < 400, `short: ${notices[0].length} characters`);
      assert(await page.isChecked('#req-acid'), 'the known id applied');
      await page.context().close();
      const services = Array.from({ length: 200 }, (_, i) => `r${i + 2}=acid`).join('&');
      const many = await openApp(browser, `${server.url}#r=acid&${services}`);
      const said = await many.$$eval('[data-notice] p', (ps) => ps.map((p) => p.textContent));
      assertEqual(said.filter((t) => /Only 16 services/.test(t)).length, 1, `said once: ${said}`);
      await many.context().close();
    }],

    ['the tab shows the decision title; print starts with the strip and ends with the link and date', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial,no-data-loss');
      await page.fill('#decision-title', 'Ledger storage');
      await page.press('#decision-title', 'Enter');
      await page.waitForFunction(() => document.title === 'Ledger storage \u2014 Strata');
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const shown = (e) => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
        const answer = [...document.querySelectorAll('.answer > *')].filter(shown).map((e) => e.className || e.tagName);
        const footer = document.querySelector('.print-footer');
        return { answer, footer: shown(footer) && footer.textContent, masthead: shown(document.querySelector('.masthead')) };
      });
      assertEqual(printed.answer.slice(0, 2), ['print-only', 'glance'], 'the title, then the strip');
      assertEqual(printed.masthead, false, 'no page chrome above them');
      assert(printed.footer && printed.footer.includes(`${server.url}#v=1&t=Ledger%20storage&r=acid,financial,no-data-loss`),
        `the link: ${printed.footer}`);
      const today = await page.evaluate(() => new Date().toDateString());
      assert(printed.footer.includes(today), `and the date: ${printed.footer}`);
      await page.context().close();
    }],

    ['the embed shows the decision title as its heading, the strip first, and passes axe-core', async () => {
      const page = await openApp(browser, server.url + '#embed&t=Orders%20storage&r=acid,financial,no-data-loss');
      assertEqual(await page.locator('h1:visible').allTextContents(), ['Orders storage'], 'the one h1 shown is the title');
      const order = await page.$$eval('.answer > *', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.tagName));
      assertEqual(order.slice(0, 2), ['H1', 'NAV'], 'the title, then the strip');
      assertEqual(await axeViolations(page), [], 'axe violations in the embed');
      await page.context().close();
    }],

    ['jargon is explained where a card first uses it, by tap or keyboard', async () => {
      const page = await openApp(browser, server.url + '#r=acid', { viewport: { width: 390, height: 844 }, hasTouch: true });
      const term = page.locator('[data-rec="primary-store"] dfn > button.term').first();
      assertEqual(await term.textContent(), 'ACID', 'ACID in the summary');
      const id = await term.getAttribute('popovertarget');
      assertEqual(await term.getAttribute('aria-describedby'), id, 'the definition describes the term');
      await term.scrollIntoViewIfNeeded();
      await term.tap();
      const gloss = page.locator(`[id="${id}"]`);
      assert(await gloss.isVisible(), 'a tap opens the definition');
      assert(/Atomic, consistent, isolated, durable/.test(await gloss.textContent()), await gloss.textContent());
      await page.keyboard.press('Escape');
      assertEqual(await gloss.isVisible(), false, 'Escape closes it');
      await term.focus();
      await page.keyboard.press('Enter');
      assert(await gloss.isVisible(), 'Enter opens it');
      await page.context().close();
    }],

    ['the Embed dialog has a Copy button per snippet that copies it, and each wiki in three steps', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial', { permissions: ['clipboard-read', 'clipboard-write'] });
      await openShare(page);
      await page.click('#open-embed');
      await page.waitForSelector('#embed-iframe');
      const snippets = await page.locator('#embed-dialog .snippet').all();
      assert(snippets.length >= 4, `snippets: ${snippets.length}`);
      for (const snippet of snippets) {
        const text = await snippet.locator('textarea').inputValue();
        await snippet.locator('button', { hasText: 'Copy' }).click();
        await snippet.locator('.action-status', { hasText: 'Copied.' }).waitFor({ timeout: 5000 });
        assertEqual(await page.evaluate(() => navigator.clipboard.readText()), text, 'the snippet, exactly');
      }
      const wikis = await page.$$eval('#embed-dialog h4', (hs) => hs
        .filter((h) => /Confluence|MediaWiki|GitHub/.test(h.textContent))
        .map((h) => [h.textContent, h.nextElementSibling.tagName, h.nextElementSibling.children.length]));
      assertEqual(wikis.length, 4, `the wikis: ${JSON.stringify(wikis)}`);
      for (const [wiki, list, steps] of wikis) assert(list === 'OL' && steps === 3, `${wiki}: ${steps} numbered steps`);
      await page.context().close();
    }],

    ['on a phone the Embed dialog keeps its heading and a Close button in view as its snippets scroll', async () => {
      const page = await openApp(browser, server.url + '#r=acid,financial', { viewport: { width: 390, height: 844 } });
      await openShare(page);
      await page.click('#open-embed');
      await page.waitForSelector('#embed-iframe');
      const scrolled = await page.$eval('#embed-dialog', (d) => {
        d.scrollTop = d.scrollHeight;
        return d.scrollTop;
      });
      assert(scrolled > 200, `the dialog is taller than the phone and scrolls: ${scrolled}`);
      const close = await page.$eval('#embed-close', (b) => {
        const r = b.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, hit: document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b };
      });
      assert(close.top >= 0 && close.bottom <= 844 && close.hit, `Close is in view and on top: ${JSON.stringify(close)}`);
      const heading = await page.$eval('#embed-title', (h) => {
        const r = h.getBoundingClientRect();
        return { top: r.top, hit: h.contains(document.elementFromPoint(r.x + 4, r.y + r.height / 2)) };
      });
      assert(heading.top >= 0 && heading.hit, `the heading is in view and on top: ${JSON.stringify(heading)}`);
      await page.click('#embed-close');
      assertEqual(await page.$eval('#embed-dialog', (d) => d.open), false, 'it closes the dialog');
      await page.context().close();
    }],

    ['the Share menu appears after the first tick and holds every export', async () => {
      const page = await openApp(browser, server.url);
      assertEqual(await page.locator('#share').count(), 0, 'nothing to share yet');
      await page.click('#req-acid');
      assert(await page.isVisible('#share > summary'), 'Share appears');
      assertEqual(await page.isVisible('#copy-link'), false, 'folded');
      await openShare(page);
      for (const id of ['copy-link', 'copy-adr', 'download-adr', 'download-json', 'print', 'open-embed']) {
        assert(await page.isVisible(`#share #${id}`), `#${id} in the menu`);
      }
      await page.focus('#copy-adr');
      await page.keyboard.press('Escape');
      assertEqual(await page.isVisible('#copy-link'), false, 'Escape closes the menu');
      assertEqual(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY', 'and the focus is on Share');
      await page.context().close();
    }],
  ];
}
