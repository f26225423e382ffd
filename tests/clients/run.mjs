// Every text Strata hands out, read by the real program that reads it (issue 15): Mermaid parses and renders
// each diagram's Mermaid text and the Mermaid blocks of each ADR (in headless Chromium, from node_modules, no
// network); rsvg-convert (librsvg, what MediaWiki rasterises uploaded SVG with) renders each downloadable SVG;
// Chromium renders it in light and dark; cmark-gfm renders each ADR as GitHub does.
//
//   cargo run -p strata-core --example client_texts -- <dir> && node tests/clients/run.mjs <dir>
//
// A failure names the file: `<case>--<diagram>` (svg/, mermaid/) or `<case>` (adr/).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, run, assert } from '../e2e/harness.mjs';
import { mermaidPage, renderMermaid } from './mermaid.mjs';
import { contrast, pixelsOf } from './pixels.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] || '');
assert(fs.existsSync(path.join(dir, 'svg')), `usage: node tests/clients/run.mjs <dir written by client_texts>`);
const files = (sub, ext) => fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith(ext)).sort();
const read = (sub, f) => fs.readFileSync(path.join(dir, sub, f), 'utf8');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-clients-'));

const browser = await launch();
const mermaid = await mermaidPage(browser, path.resolve(here, '../../node_modules/mermaid/dist/mermaid.min.js'));

/** Boxes of a standalone SVG in document order (box i is Mermaid's node n<i>): rectangle and heading text. */
function svgBoxes(svg) {
  return [...svg.matchAll(/<g class="dg-box[^"]*"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)]
    .map((m) => ({ x: +m[1], y: +m[2], w: +m[3], h: +m[4] }));
}

/**
 * The Mermaid drawing keeps the SVG's order: phases and steps (subgraphs) run left to right in their order, and
 * boxes the SVG shows side by side keep their left-to-right order wherever Mermaid also puts them side by side.
 * (Mermaid ranks every arrow downwards, so an arrow the SVG draws sideways or upwards may become a step down.)
 */
function checkOrder(name, boxes, drawn) {
  const at = (i) => drawn.nodes[`n${i}`];
  for (let i = 0; i < boxes.length; i++) {
    assert(at(i), `${name}: box ${i} is not drawn by Mermaid`);
    for (let j = 0; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const sideBySide = Math.abs(a.y - b.y) < 1 && Math.abs(at(i).cy - at(j).cy) < 2;
      if (sideBySide && a.x < b.x && drawn.groupOf[`n${i}`] === drawn.groupOf[`n${j}`]) {
        assert(at(i).cx < at(j).cx, `${name}: box ${i} is left of box ${j} in the SVG but right of it in Mermaid`);
      }
    }
  }
  const groups = drawn.clusters.map((c) => [Number((c.text.match(/^(?:Phase|Step) (\d+)/) || [])[1]), c.x]);
  for (let k = 1; k < groups.length; k++) {
    const [prev, cur] = [groups.find((g) => g[0] === k), groups.find((g) => g[0] === k + 1)];
    assert(prev && cur && prev[1] < cur[1], `${name}: Mermaid does not draw ${k} left of ${k + 1}: ${JSON.stringify(groups)}`);
  }
}

/** What every rendering of a Mermaid text must show: every node, decoded text, kept line breaks. */
function checkDrawing(name, text, drawn) {
  const defined = [...text.matchAll(/^\s*(n\d+|l\d+)[[(]/gm)].map((m) => m[1]);
  for (const id of defined) assert(drawn.nodes[id], `${name}: node ${id} is missing from the drawing`);
  for (const [, id, label] of text.matchAll(/^\s*(n\d+)[[(]+"(.*?)"/gm)) {
    const breaks = (label.match(/<br>/g) || []).length;
    assert(drawn.nodes[id].breaks === breaks, `${name}: ${id} shows ${drawn.nodes[id].breaks} line breaks, not ${breaks}`);
  }
  for (const code of ['#lt;', '#gt;', '#quot;', '#amp;', '#59;', '#35;', '<br>']) {
    assert(!drawn.text.includes(code), `${name}: the drawing shows "${code}" as text`);
  }
}

const tests = [];

tests.push(['Mermaid parses and renders every diagram text, in the drawing\'s order, also with its newlines lost', async () => {
  const all = files('mermaid', '.mmd');
  assert(all.length >= 40, `only ${all.length} Mermaid texts`);
  for (const f of all) {
    const name = f.replace(/\.mmd$/, '');
    const text = read('mermaid', f);
    const drawn = await renderMermaid(mermaid, text, name);
    checkDrawing(name, text, drawn);
    checkOrder(name, svgBoxes(read('svg', `${name}.svg`)), drawn);
    // A text area or a paste that loses the newlines must not break the text.
    const flat = await renderMermaid(mermaid, text.replace(/\n/g, ' '), `${name} (on one line)`);
    assert(Object.keys(flat.nodes).length === Object.keys(drawn.nodes).length, `${name}: on one line, nodes go missing`);
  }
  assert(mermaid.requests.length === 0, `Mermaid fetched ${mermaid.requests.join(', ')}`);
}]);

tests.push(['cmark-gfm renders every ADR with its MADR structure and nothing from the decision as markup', async () => {
  const titles = Object.fromEntries(read('adr', 'titles.tsv').trim().split('\n').map((l) => l.split('\t')));
  // Each ADR's second-level headings: MADR's, then a section per service and System for a system.
  const sections = Object.fromEntries(read('adr', 'sections.tsv').trim().split('\n').map((l) => {
    const [name, ...headings] = l.split('\t');
    return [name, headings];
  }));
  const page = await browser.newPage();
  for (const f of files('adr', '.md')) {
    const name = f.replace(/\.md$/, '');
    const source = read('adr', f);
    const html = execFileSync('cmark-gfm', ['--extension', 'table', '--extension', 'autolink', '--extension', 'tagfilter',
      '--extension', 'strikethrough', '--extension', 'tasklist', '--to', 'html', path.join(dir, 'adr', f)], { encoding: 'utf8' });
    const facts = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
      const texts = (sel) => [...doc.querySelectorAll(sel)].map((e) => e.textContent);
      return {
        tags: [...new Set([...doc.body.querySelectorAll('*')].map((e) => e.localName))],
        h1: texts('h1'),
        h2: texts('h2'),
        tables: [...doc.querySelectorAll('table')].map((t) => ({
          head: [...t.querySelectorAll('thead th')].map((c) => c.textContent),
          rows: [...t.querySelectorAll('tbody tr')].map((r) => r.children.length),
        })),
        links: [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        mermaid: [...doc.querySelectorAll('pre code')].filter((c) =>
          c.classList.contains('language-mermaid') || c.parentElement.getAttribute('lang') === 'mermaid').map((c) => c.textContent),
        strikes: doc.querySelectorAll('del').length,
      };
    }, html);
    const allowed = ['h1', 'h2', 'h3', 'p', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'code',
      'strong', 'em', 'a', 'blockquote', 'input'];
    const stray = facts.tags.filter((t) => !allowed.includes(t));
    assert(stray.length === 0, `${name}: text became markup: <${stray.join('>, <')}>`);
    assert(facts.strikes === 0, `${name}: "~~" became strikethrough`);
    assert(facts.h1.length === 1 && facts.h1[0] === titles[name], `${name}: heading ${JSON.stringify(facts.h1)}, not ${JSON.stringify(titles[name])}`);
    const madr = ['Context and Problem Statement', 'Decision Drivers', 'Considered Options', 'Decision Outcome'];
    const expected = sections[name];
    assert(JSON.stringify(expected.slice(0, 4)) === JSON.stringify(madr) && expected.at(-1) === 'More Information',
      `${name}: sections.tsv does not start with MADR's sections: ${JSON.stringify(expected)}`);
    assert(JSON.stringify(facts.h2) === JSON.stringify(expected), `${name}: sections ${JSON.stringify(facts.h2)}, not ${JSON.stringify(expected)}`);
    assert(facts.tables.length >= 6, `${name}: ${facts.tables.length} tables`);
    // Every row has as many cells as the head: a name with "|" split no cell.
    for (const t of facts.tables) {
      assert(t.head.length >= 2 && t.rows.length > 0 && t.rows.every((n) => n === t.head.length), `${name}: a broken table ${JSON.stringify(t)}`);
    }
    assert(facts.links.every((h) => h.startsWith('https://strata.example/')), `${name}: links ${facts.links}`);
    const fences = (source.match(/^```mermaid$/gm) || []).length;
    assert(facts.mermaid.length === fences, `${name}: ${facts.mermaid.length} Mermaid blocks rendered of ${fences}`);
    for (const [i, text] of facts.mermaid.entries()) {
      const drawn = await renderMermaid(mermaid, text, `${name} block ${i + 1}`);
      checkDrawing(`${name} block ${i + 1}`, text, drawn);
    }
  }
  await page.close();
}]);

tests.push(['Chromium and cmark-gfm read every embed snippet as one link or frame with the decision\'s title', async () => {
  const page = await browser.newPage();
  const sandbox = read('snippets', 'sandbox.txt').trim();
  const wiki = 'https://wiki.example/tools/strata/';
  for (const line of read('snippets', 'expected.tsv').trim().split('\n')) {
    const [name, text, fragment] = line.split('\t');
    const parse = (html) => page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
      const all = [...doc.body.querySelectorAll('*')];
      const get = (sel, attr) => doc.querySelector(sel) && doc.querySelector(sel).getAttribute(attr);
      return {
        tags: all.map((e) => e.localName),
        handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        iframe: doc.querySelector('iframe') && { src: get('iframe', 'src'), title: get('iframe', 'title'), sandbox: get('iframe', 'sandbox') },
        link: doc.querySelector('a') && { href: get('a', 'href'), text: doc.querySelector('a').textContent },
      };
    }, html);
    const same = (a, b) => decodeURIComponent(a) === decodeURIComponent(b);
    for (const [kind, tags] of [['iframe', ['iframe']], ['confluence', ['iframe', 'p', 'a']]]) {
      const f = await parse(read('snippets', `${name}.${kind}.html`));
      const what = `${name} (${kind})`;
      assert(JSON.stringify(f.tags) === JSON.stringify(tags) && f.handlers.length === 0, `${what}: elements ${f.tags} ${f.handlers}`);
      assert(f.iframe.title === text, `${what}: frame title ${JSON.stringify(f.iframe.title)}, not ${JSON.stringify(text)}`);
      assert(f.iframe.sandbox === sandbox, `${what}: sandbox ${f.iframe.sandbox}`);
      assert(same(f.iframe.src, `${wiki}#embed${fragment ? `&${fragment}` : ''}`), `${what}: frame src ${f.iframe.src}`);
      if (f.link) {
        assert(f.link.text === text && same(f.link.href, `${wiki}#${fragment}`), `${what}: link ${JSON.stringify(f.link)}`);
      }
    }
    const html = execFileSync('cmark-gfm', ['--extension', 'autolink', '--extension', 'strikethrough', '--extension', 'tagfilter',
      path.join(dir, 'snippets', `${name}.md`)], { encoding: 'utf8' });
    const md = await parse(html);
    assert(JSON.stringify(md.tags) === JSON.stringify(['p', 'a']), `${name} (Markdown): elements ${md.tags}`);
    assert(md.link.text === text, `${name} (Markdown): link text ${JSON.stringify(md.link.text)}, not ${JSON.stringify(text)}`);
    assert(same(md.link.href, `${wiki}#${fragment}`), `${name} (Markdown): link ${md.link.href}`);
  }
  await page.close();
}]);

tests.push(['rsvg-convert renders every SVG file in its colours, with legible text', async () => {
  const page = await browser.newPage();
  for (const f of files('svg', '.svg')) {
    const name = f.replace(/\.svg$/, '');
    const png = path.join(scratch, `${name}.png`);
    execFileSync('rsvg-convert', ['--output', png, path.join(dir, 'svg', f)]);
    const svg = read('svg', f);
    const { share, colours } = await pixelsOf(page, png, svg).catch((e) => { throw new Error(`${name}: ${e.message}`); });
    // Boxes, lines and text each add colours; a black or blank render is one colour. A drawing of thin lines
    // is mostly background: the system diagram of eight services, lanes and arrows between them, is 93 %.
    assert(share < 0.95 && colours >= 4, `${name}: ${(share * 100).toFixed(1)} % of the image is one colour`);
    const texts = await page.evaluate(() => window.textChecks);
    for (const t of texts) {
      assert(contrast(t.fill, t.under) >= 4.5, `${name}: "${t.text}" is ${t.fill} on ${t.under}`);
      // Inside the text's box, rsvg painted pixels of the text's colour (not of its box).
      assert(t.ink >= 0.04, `${name}: "${t.text}" is not visible in the PNG (${(t.ink * 100).toFixed(1)} % ink)`);
    }
  }
  await page.close();
}]);

tests.push(['Chromium shows every SVG file legibly, light by default and dark when the screen asks', async () => {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const f of files('svg', '.svg')) {
      const name = `${f.replace(/\.svg$/, '')} (${scheme})`;
      await page.goto(pathToFileURL(path.join(dir, 'svg', f)).href);
      const facts = await page.evaluate(() => {
        const fill = (e) => getComputedStyle(e).fill;
        return {
          bg: fill(document.querySelector('.dg-bg')),
          blocks: [...document.querySelectorAll('g.dg-box, g.dg-label')].map((g) => {
            const rect = g.querySelector('rect').getBBox();
            return {
              under: fill(g.querySelector('rect')),
              texts: [...g.querySelectorAll('text')].map((t) => {
                const b = t.getBBox();
                return { text: t.textContent, fill: fill(t), inside: b.x >= rect.x - 0.5 && b.x + b.width <= rect.x + rect.width + 0.5 };
              }),
            };
          }),
        };
      });
      const dark = scheme === 'dark';
      assert((facts.bg === 'rgb(23, 25, 29)') === dark, `${name}: background ${facts.bg}`);
      for (const b of facts.blocks) {
        for (const t of b.texts) {
          assert(contrast(t.fill, b.under) >= 4.5, `${name}: "${t.text}" is ${t.fill} on ${b.under}`);
          assert(t.inside, `${name}: "${t.text}" overflows its box`);
        }
      }
    }
    await context.close();
  }
}]);

const failed = await run(tests);
await browser.close();
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
