// Sharing a decision (issue 6): links that reopen it, the copy kept in localStorage, blocked storage, embed mode
// in a sandboxed iframe on a wiki-like host page, hostile text in every export, and "Copy link".
import fs from 'node:fs';
import { serve, openApp, openShare, assert, assertEqual } from './harness.mjs';
import { drawByScrolling } from './app.test.mjs';

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/**
 * App bugs these tests found, by test name. While a test is listed, its failure is printed and does not fail
 * the run (so main stays green until the fix lands); once it passes, it fails until its entry is removed here.
 */
// Tests of app behaviour known to be broken, listed with the reason; empty when everything works.
const KNOWN_BUGS = {};

function expectingKnownBugs([name, fn]) {
  if (!KNOWN_BUGS[name]) return [name, fn];
  return [`${name} [known bug]`, async () => {
    try {
      await fn();
    } catch (e) {
      console.log(`     known bug, still failing: ${KNOWN_BUGS[name]}
     (${String(e.message).split('\n')[0].slice(0, 300)})`);
      return;
    }
    throw new Error('passes now: remove it from KNOWN_BUGS in share.test.mjs');
  }];
}

/** Fails the test on page errors, console errors (but the host page's own favicon) and any alert(). */
function track(page) {
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) page.problems.push(`console error: ${m.text()}`);
  });
  page.on('dialog', (d) => { page.problems.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  return page;
}

/** A further page in an existing context (same localStorage), tracked like harness.openApp's. */
async function openIn(context, url) {
  const page = track(await context.newPage());
  await page.goto(url);
  await page.waitForSelector('[data-ready]', { timeout: 15000 });
  return page;
}

/** Ticks, every card's choice and verdict, and the title: what "the same decision" means on screen. */
const snapshot = (page) => page.evaluate(() => ({
  ticks: [...document.querySelectorAll('input[type="checkbox"][id^="req-"]:checked')].map((b) => b.id).sort(),
  cards: [...document.querySelectorAll('[data-rec]')].map((c) => `${c.dataset.rec}=${c.dataset.choice}/${c.dataset.verdict}`),
  title: document.querySelector('#decision-title') ? document.querySelector('#decision-title').value : null,
}));

/** Types a title and commits it (Enter fires `change`), then waits until the link carries it. */
async function setTitle(page, title) {
  await page.fill('#decision-title', title);
  await page.press('#decision-title', 'Enter');
  await page.waitForFunction(() => location.hash.includes('&t='), null, { timeout: 5000 });
}

/** Clicks a download button and returns the downloaded file's text. */
async function downloadText(page, selector) {
  await openShare(page);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(selector)]);
  const file = await download.path();
  assert(file, `${selector}: the download failed (${await download.failure()})`);
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Every line of `md` that a hostile string could have turned into a block of its own. */
function markdownProblems(md, expectedH1Words) {
  const problems = [];
  const lines = md.split('\n');
  if (/<script/i.test(md)) problems.push('raw <script in the Markdown');
  if (!lines[0].startsWith('# ') || !expectedH1Words.every((w) => lines[0].includes(w))) {
    problems.push(`first line is not the title's H1: ${lines[0]}`);
  }
  for (const [i, line] of lines.entries()) {
    // Diagram headings may name a service, escaped on one line; only the H1 may hold the title.
    if (i > 0 && /^#/.test(line) && (/pipe|not a heading/i.test(line) || /[<>]/.test(line))) {
      problems.push(`line ${i + 1} is a heading from the title or unescaped: ${line}`);
    }
    if (/^\s*#\s*(pwned|not a heading)/i.test(line)) problems.push(`line ${i + 1} starts with user text: ${line}`);
    // Every row of a table has as many unescaped pipes as its header row, whatever the names hold.
    if (line.startsWith('|')) {
      const pipes = (l) => l.replace(/\\\|/g, '').split('|').length - 1;
      let head = i;
      while (head > 0 && lines[head - 1].startsWith('|')) head -= 1;
      if (pipes(line) !== pipes(lines[head]) || pipes(line) < 3) {
        problems.push(`line ${i + 1} is a table row with ${pipes(line)} pipes, its header ${pipes(lines[head])}: ${line}`);
      }
    }
  }
  // Fences: only ```mermaid openers and bare ``` closers, alternating, each at the start of a line.
  const fences = [...md.matchAll(/```[^\n]*/g)];
  let open = false;
  for (const f of fences) {
    const atLineStart = f.index === 0 || md[f.index - 1] === '\n';
    if (!atLineStart) problems.push(`a \`\`\` inside a line: …${md.slice(Math.max(0, f.index - 30), f.index + 10)}…`);
    else if (!open && f[0] === '```mermaid') open = true;
    else if (open && f[0] === '```') open = false;
    else problems.push(`unexpected fence line ${JSON.stringify(f[0])}`);
  }
  if (open) problems.push('a ``` fence is never closed');
  if (fences.length === 0) problems.push('no Mermaid block at all');
  return problems;
}

export function tests({ dist, server, browser }) {
  return [
    ['the ADR renders as GitHub-flavoured Markdown: MADR sections, option tables, Mermaid blocks', async () => {
      const { default: MarkdownIt } = await import('markdown-it');
      const page = await openApp(browser, server.url + '#r=acid,financial,no-data-loss,microservices,schema-change&t=Payments%20ledger');
      const { name, text } = await downloadText(page, '#download-adr');
      assert(name.endsWith('.md'), `file name: ${name}`);
      const html = new MarkdownIt({ html: true }).render(text);
      const h1 = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
      assertEqual(h1, ['Payments ledger'], 'one title, the decision\'s');
      const h2 = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
      for (const section of ['Context and Problem Statement', 'Decision Drivers', 'Considered Options', 'Decision Outcome']) {
        assert(h2.includes(section), `MADR section ${section} in ${JSON.stringify(h2)}`);
      }
      assert((html.match(/<table>/g) || []).length >= 3, 'the considered options render as tables');
      assert((html.match(/<code class="language-mermaid">/g) || []).length >= 3, 'diagrams render as Mermaid code blocks');
      assert(!/<script/i.test(html), 'no script in the rendered page');
      await page.context().close();
    }],

    ['a shared link opens the same decision (ticks, verdicts, title) in a fresh browser', async () => {
      const page = await openApp(browser, server.url);
      for (const id of ['acid', 'financial', 'multi-region', 'read-heavy']) await page.click(`#req-${id}`);
      await setTitle(page, 'Payments ledger (EU) & friends');
      const before = await snapshot(page);
      const link = page.url();
      assert(link.includes('#v=1&t=') && link.includes('r=acid'), `the link carries title and ticks: ${link}`);
      assert(before.cards.length > 5, `cards shown: ${before.cards}`);
      assertEqual(page.problems, [], 'no errors in the first browser');
      await page.context().close();

      const fresh = await openApp(browser, link);
      assertEqual(await snapshot(fresh), before, 'the same decision after opening the link in a fresh context');
      assertEqual(await fresh.locator('[data-notice]').count(), 0, 'no notice for a clean link');
      assertEqual(fresh.problems, [], 'no errors in the fresh browser');
      await fresh.context().close();
    }],

    ['the decision survives a reload without a fragment, and a link wins over the stored one', async () => {
      const page = await openApp(browser, server.url);
      await page.click('#req-flexible-schema');
      await page.click('#req-social-feed');
      await setTitle(page, 'Feed store');
      await page.waitForFunction(() => /flexible-schema/.test(localStorage.getItem('strata.decision') || '')
        && /t=Feed/.test(localStorage.getItem('strata.decision') || ''), null, { timeout: 5000 });
      const stored = await snapshot(page);
      const context = page.context();

      const reloaded = await openIn(context, server.url);
      assertEqual(await snapshot(reloaded), stored, 'restored from localStorage with no fragment');
      await reloaded.waitForFunction(() => location.hash.includes('r=flexible-schema,social-feed'), null, { timeout: 5000 })
        .catch(() => { throw new Error(`the restored decision is back in the URL: ${reloaded.url()}`); });
      await reloaded.close();

      const linked = await openIn(context, server.url + '#r=acid');
      const fromLink = await snapshot(linked);
      assertEqual(fromLink.ticks, ['req-acid'], 'only the link\'s tick');
      assertEqual(fromLink.title, '', 'the stored title does not leak into the link\'s decision');
      assertEqual(await linked.getAttribute('[data-rec="primary-store"]', 'data-choice'), 'relational', 'link decides the store');
      await linked.waitForFunction(() => localStorage.getItem('strata.decision') === 'v=1&r=acid', null, { timeout: 5000 });
      assertEqual([...page.problems, ...reloaded.problems, ...linked.problems], [], 'no errors');
      await context.close();
    }],

    ['with localStorage blocked the app still works and says once, politely, that it cannot remember', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // As when the user blocks site data: every access to window.localStorage throws a SecurityError.
      await context.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
        });
      });
      const blocked = await openIn(context, server.url);
      assert(await blocked.evaluate(() => { try { return !window.localStorage; } catch { return true; } }), 'storage really is blocked');
      await blocked.click('#req-flexible-schema');
      await blocked.waitForSelector('[data-rec="primary-store"][data-choice="document"]', { timeout: 5000 });
      await blocked.click('#req-acid');
      await blocked.click('#req-flexible-schema');
      await blocked.waitForSelector('[data-rec="primary-store"][data-choice="relational"]', { timeout: 5000 });
      await setTitle(blocked, 'No storage here');
      const notices = await blocked.$$eval('[data-notice]', (ns) => ns.map((n) => n.textContent));
      assertEqual(notices.length, 1, `exactly one notice: ${JSON.stringify(notices)}`);
      assert(/remember/i.test(notices[0]) && /Copy link/.test(notices[0]), `the notice says it cannot remember: ${notices[0]}`);
      assertEqual(await blocked.$$eval('[data-notice]', (ns) => ns.filter((n) => n.closest('[role="status"], [aria-live="polite"]')).length),
        1, 'the notice is in a polite live region');
      assertEqual(await blocked.$$eval('[data-notice].error', (ns) => ns.length), 0, 'not shown as an error');
      assert(blocked.url().includes('r=acid') && blocked.url().includes('t=No'), `the link still follows: ${blocked.url()}`);
      assertEqual(blocked.problems, [], 'no console errors or page errors');
      await context.close();
    }],

    ...embedTests({ dist, browser }).map(expectingKnownBugs),

    ['hostile text in title, names and ids is escaped in the ADR, embed snippet, SVG and JSON', async () => {
      const H = 'Ord<script>alert(1)</script> `x` | y\n# pwned';
      const h = encodeURIComponent(H);
      const TITLE = 'Orders <script>alert(1)</script> ```js `tick` | pipe\n# not a heading';
      const page = await openApp(browser, server.url + `#r=acid,microservices,${h}&n=${h}&n2=Billing&r2=acid&c=${h}`, CLIPBOARD);
      await setTitle(page, TITLE);
      const title = await page.inputValue('#decision-title'); // a text input drops the newline itself
      assert(title.includes('<script>alert(1)</script>') && title.includes('| pipe'), `typed title kept: ${title}`);
      const notice = await page.textContent('[data-notice]');
      assert(notice.includes('<script>alert(1)</script>'), `the unknown id is shown as text: ${notice}`);
      assertEqual(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no script element was injected');

      // (a) the ADR, copied and downloaded.
      await openShare(page);
      await page.click('#copy-adr');
      await page.waitForFunction(() => /copied/i.test(document.querySelector('#toolbar-status').textContent), null, { timeout: 5000 });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assertEqual(markdownProblems(copied, ['Orders', 'alert(1)', 'pipe']), [], 'copied ADR');
      assert(copied.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the title is in the H1, escaped');
      const adr = await downloadText(page, '#download-adr');
      assert(adr.name.endsWith('.md') && !/[<>|`]/.test(adr.name), `file name: ${adr.name}`);
      assertEqual(adr.text, copied, 'downloaded ADR equals the copied one');
      await page.waitForFunction(() => /Download started: strata-orders/.test(document.querySelector('#toolbar-status').textContent));

      // (b) the embed snippets. Parsed in a blank page: the app's CSP would (rightly) refuse their inline styles.
      const blank = await page.context().newPage();
      await openShare(page);
      await page.click('#open-embed');
      const iframe = await page.inputValue('#embed-iframe');
      assert(!/<script/i.test(iframe), `no raw <script in the iframe snippet: ${iframe}`);
      const dialog = await page.textContent('#embed-dialog');
      assert(/Access-Control-Allow-Origin/.test(dialog) && /allow-popups-to-escape-sandbox/.test(dialog),
        'the dialog says what the host and the iframe must allow');
      const parsed = await blank.evaluate((html) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const kids = [...doc.body.children];
        return { tags: kids.map((k) => k.tagName), title: kids[0] && kids[0].getAttribute('title'),
          sandbox: kids[0] && kids[0].getAttribute('sandbox'), src: kids[0] && kids[0].getAttribute('src'),
          scripts: doc.querySelectorAll('script').length };
      }, iframe);
      assertEqual(parsed.tags, ['IFRAME'], 'the snippet is one iframe');
      assertEqual(parsed.title, title, 'the title attribute round-trips, escaped');
      assertEqual(parsed.sandbox, 'allow-scripts allow-popups allow-popups-to-escape-sandbox',
        'sandboxed to scripts, and popups for "Open this decision in Strata"');
      assertEqual(parsed.scripts, 0, 'no script element');
      assert(parsed.src.startsWith(server.url + '#embed&'), `embed link: ${parsed.src}`);
      for (const id of ['embed-confluence', 'embed-mediawiki', 'embed-markdown']) {
        const text = await page.inputValue(`#${id}`);
        assert(!/<script/i.test(text) && !text.includes('\n# '), `#${id} escapes the title: ${text}`);
      }
      await page.keyboard.press('Escape');

      // (c) a diagram that draws the service names, downloaded as SVG: with two services, database per service
      // is judged, and drawn, for the system.
      const figure = page.locator('#system figure.diagram[data-diagram="database-per-service"]');
      await page.locator('#system').scrollIntoViewIfNeeded();
      await figure.waitFor({ timeout: 10000 });
      await figure.scrollIntoViewIfNeeded();
      await page.waitForSelector('#system figure.diagram[data-diagram="database-per-service"][data-state="drawn"]', { timeout: 10000 });
      assertEqual(await figure.count(), 1, 'the database-per-service diagram is in the system section');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }),
        figure.locator('button.download-svg').click()]);
      const svg = fs.readFileSync(await download.path(), 'utf8');
      assert(!/<script/i.test(svg), 'no raw <script in the SVG');
      const xml = await blank.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const err = doc.querySelector('parsererror');
        const all = [...doc.querySelectorAll('*')];
        return { error: err && err.textContent, root: doc.documentElement.localName,
          scripts: doc.getElementsByTagName('script').length,
          handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
          text: doc.documentElement.textContent };
      }, svg);
      assertEqual(xml.error, null, 'the SVG is well-formed XML');
      assertEqual([xml.root, xml.scripts, xml.handlers], ['svg', 0, []], 'an <svg> root, no script, no handler');
      assert(xml.text.includes('alert(1)') && xml.text.includes('Billing'), 'the names are drawn as text');

      // (d) the JSON record.
      const json = await downloadText(page, '#download-json');
      assert(json.name.endsWith('.json'), `file name: ${json.name}`);
      const record = JSON.parse(json.text);
      assertEqual(record.decision.title, title, 'the title round-trips through JSON');
      assertEqual(record.decision.services.map((s) => s.name), [H.replace('\n', ' '), 'Billing'], 'service names');
      assertEqual(record.decision.checklist[H], true, 'a hostile checklist id survives as a key');
      assertEqual(page.problems, [], 'no errors, no alert');
      await page.context().close();
    }],

    ['"Copy link" puts the decision\'s link in the clipboard and says so', async () => {
      const page = await openApp(browser, server.url, CLIPBOARD);
      await page.click('#req-acid');
      await page.click('#req-read-heavy');
      assertEqual(await page.textContent('#toolbar-status'), '', 'no status before copying');
      await openShare(page);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.querySelector('#toolbar-status').textContent.trim() !== '', null, { timeout: 5000 });
      assert(/copied/i.test(await page.textContent('#toolbar-status')), 'feedback says it was copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert(copied.startsWith(server.url) && copied.includes('#v=1&r=') && copied.includes('acid,read-heavy'), `copied: ${copied}`);
      assert(!copied.includes('embed'), 'a full link, not an embed');
      assertEqual(page.problems, [], 'no errors');
      await page.context().close();
      const fresh = await openApp(browser, copied);
      assertEqual((await snapshot(fresh)).ticks, ['req-acid', 'req-read-heavy'], 'the copied link reopens the decision');
      await fresh.context().close();
    }],
  ];
}

/**
 * Embed mode as a wiki shows it: the app's own `#embed-iframe` snippet (sandboxed without allow-same-origin, so
 * the frame has an opaque origin) pasted into a host page served by the same server under another path. The server sends
 * `Access-Control-Allow-Origin: *`, as GitHub Pages does: from an opaque origin the module scripts and the wasm
 * are CORS requests (see docs/HOSTING.md).
 */
function embedTests({ dist, browser }) {
  /** `sandbox`: replaces the snippet's sandbox flags (a host page as the snippet is to be pasted). */
  async function hostPage({ sandbox, link = '#r=acid,financial,no-data-loss' } = {}) {
    const extra = {}; // filled in below: serve() looks paths up at request time
    const server = await serve(dist, '/tools/strata/', { headers: { 'access-control-allow-origin': '*' }, extra });
    const page = await openApp(browser, server.url + link);
    if (link.includes('catalog=')) await page.waitForSelector('.catalogue-panel:not([aria-busy]) #catalogue-in-use', { timeout: 10000 });
    await setTitle(page, 'Orders service storage');
    await openShare(page);
    await page.click('#open-embed'); // the snippets are made when the dialog opens
    const snippet = await page.inputValue('#embed-iframe');
    const expected = await snapshot(page);
    await page.context().close();
    const pasted = sandbox ? snippet.replace(/sandbox="[^"]*"/, `sandbox="${sandbox}"`) : snippet;
    extra['/wiki/orders.html'] = ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Team wiki</title><link rel="icon" href="data:,"></head><body><h1>Team wiki: orders</h1><p>Our storage decision:</p>
${pasted}
<script>window.heights = []; addEventListener('message', (e) => {
  if (e.data && e.data.type === 'strata:height') window.heights.push(e.data.height); });</script></body></html>`];
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const wiki = track(await context.newPage());
    await wiki.goto(server.base + '/wiki/orders.html');
    const frame = wiki.frames().find((f) => f !== wiki.mainFrame());
    assert(frame, 'the host page has a frame');
    await frame.waitForSelector('[data-ready]', { timeout: 15000 }).catch(() => {
      throw new Error(`the embed never mounted: ${wiki.problems.join(' | ')}`);
    });
    return { wiki, frame, snippet, expected, close: async () => { await context.close(); await server.close(); } };
  }

  return [
    ['an embed whose link names an organisation catalogue next to the bundle advises with it, from its opaque origin', async () => {
      const { wiki, frame, snippet, close } = await hostPage({ link: '#r=flexible-schema,hierarchical&catalog=catalog%2Fexample-org.json' });
      try {
        assert(snippet.includes('catalog=catalog%2Fexample-org.json'), `the snippet keeps the catalogue: ${snippet}`);
        await frame.waitForFunction(() => /Acme 2026-11/.test(document.querySelector('#based-on')?.textContent ?? ''), null, { timeout: 10000 });
        await frame.waitForFunction(() => !document.querySelector('.card-body.pending'), null, { timeout: 10000 });
        const systems = await frame.$$eval('[data-rec="primary-store"] .systems strong', (s) => s.map((x) => x.textContent));
        assertEqual(systems, ['DynamoDB', 'MongoDB'], 'the system on hold last, in the embed');
        assertEqual(wiki.problems, [], 'no errors in the host page or the frame');
      } finally {
        await close();
      }
    }],

    ['embed mode in a sandboxed iframe renders the decision without the picker', async () => {
      const { wiki, frame, snippet, expected, close } = await hostPage();
      try {
        assert(/sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"/.test(snippet)
          && !/allow-same-origin/.test(snippet), `sandboxed: ${snippet}`);
        // First, so that blocked styles or scripts are named as the cause of what follows.
        assertEqual(wiki.problems, [], 'no errors in the host page or the frame');
        assertEqual(await frame.evaluate(() => origin), 'null', 'the frame has an opaque origin');
        assert(await frame.evaluate(() => document.body.classList.contains('embed')), 'body has class embed');
        const shown = await snapshot(frame);
        assertEqual(shown.cards, expected.cards, 'the same cards and verdicts as the full page');
        assertEqual(shown.title, null, 'no toolbar in the embed');
        assertEqual(await frame.isVisible('.picker'), false, 'the picker is hidden');
        const open = await frame.getAttribute('.embed-open a', 'href');
        assert(open && !open.includes('embed') && open.includes('r=acid,financial,no-data-loss'), `"open in Strata" link: ${open}`);
        assertEqual(await frame.locator('[data-notice]').count(), 0, 'no storage notice in an embed');
      } finally { await close(); }
    }],

    ['embed mode offers only what its sandbox allows, and "Open this decision in Strata" opens it in a new tab', async () => {
      // The sandbox flags the snippet is to carry (allow-scripts, allow-popups, allow-popups-to-escape-sandbox):
      // set here explicitly, so this test checks what the embed offers under them.
      const { wiki, frame, close } = await hostPage({ sandbox: 'allow-scripts allow-popups allow-popups-to-escape-sandbox' });
      try {
        // Every control a reader can see in the frame, once its diagrams are drawn.
        // (Cards no tick decided are folded away; their figures draw once opened.)
        const shown = '.results figure.diagram:not(.unassessed figure)';
        const figures = await drawByScrolling(frame, shown);
        const offered = await frame.$$eval('a[href], button, input, select, textarea, summary', (els) => els
          .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => e.matches('.embed-open a') ? 'open' : e.matches('figure.diagram summary') ? 'text version'
            : e.tagName === 'SUMMARY' ? 'summary' : e.matches('.checklist input[type=checkbox]') ? 'checklist'
            : e.matches('nav.glance a[data-reveal]') ? 'in-page link' : e.matches('dfn > button.term') ? 'term'
            : e.outerHTML.slice(0, 80)));
        const inPage = ['text version', 'summary', 'checklist', 'in-page link', 'term'];
        assertEqual(offered.filter((o) => !inPage.includes(o)), ['open'],
          'nothing is offered but "Open this decision in Strata" and what works inside the page');
        assert(figures >= 2, `advised cards with diagrams: ${figures}`);
        assertEqual(offered.filter((o) => o === 'text version').length, figures, 'each diagram\'s text version');
        // The checklist ticks, here as anywhere.
        const item = frame.locator('.checklist input[type=checkbox]').first();
        const was = await item.isChecked();
        await item.click();
        assertEqual(await item.isChecked(), !was, 'a checklist item ticks');
        // Each text version opens.
        for (const summary of await frame.locator(`${shown} summary`).all()) {
          await summary.click();
          assert(await summary.evaluate((s) => s.parentElement.open), 'a text version opens');
        }
        // The link opens the decision in Strata, in a tab of its own outside the sandbox.
        const [tab] = await Promise.all([wiki.context().waitForEvent('page'), frame.click('.embed-open a')]);
        await tab.waitForSelector('[data-ready]', { timeout: 15000 });
        assert(await tab.isChecked('#req-acid') && await tab.isChecked('#req-financial'), 'the decision opened');
        assert(await tab.isVisible('#share > summary'), 'as the full app (its Share menu), not an embed');
        assertEqual(await tab.evaluate(() => origin), new URL(tab.url()).origin, 'outside the sandbox (a real origin)');
        assertEqual(wiki.problems, [], 'no errors in the host page or the frame');
      } finally { await close(); }
    }],

    ['embed mode posts a positive strata:height to the host page', async () => {
      const { wiki, close } = await hostPage();
      try {
        const got = await wiki.waitForFunction(() => window.heights.length > 0, null, { timeout: 5000 })
          .then(() => true, () => false);
        assert(got, 'the host page received no {type: "strata:height"} message within 5 s');
        const heights = await wiki.evaluate(() => window.heights);
        assert(heights.every((h) => Number.isInteger(h) && h > 0), `positive heights: ${heights}`);
      } finally { await close(); }
    }],
  ];
}
