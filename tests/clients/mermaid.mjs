// Mermaid in headless Chromium: its dist file from node_modules in a blank page that may fetch nothing.
import fs from 'node:fs';

/** A page with Mermaid loaded; `requests` lists any fetch it tried (all are refused). */
export async function mermaidPage(browser, distFile) {
  const page = await browser.newPage();
  const requests = [];
  await page.route('**/*', (route) => { requests.push(route.request().url()); return route.abort(); });
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ content: fs.readFileSync(distFile, 'utf8') });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  return { page, requests, renders: 0 };
}

/**
 * Parses and renders `text` as GitHub does; throws naming `name` if Mermaid refuses it. Returns what the
 * drawing shows: nodes by Mermaid id (centre, `<br>` count), subgraphs (label, left edge), the group each node
 * sits in, and all visible text.
 */
export async function renderMermaid(m, text, name) {
  const id = `m${++m.renders}`;
  const result = await m.page.evaluate(async ([text, id]) => {
    try {
      await window.mermaid.parse(text);
    } catch (e) {
      return { error: String((e && e.message) || e) };
    }
    const { svg } = await window.mermaid.render(id, text);
    const out = document.getElementById('out');
    out.innerHTML = svg;
    const box = (e) => e.getBoundingClientRect();
    const clusters = [...out.querySelectorAll('g.cluster')].map((g) => ({ text: g.textContent.trim(), rect: box(g) }));
    const nodes = {};
    const groupOf = {};
    for (const g of out.querySelectorAll('g.node')) {
      const key = (g.id.match(/-flowchart-(.+)-\d+$/) || [])[1];
      if (!key) continue;
      const r = box(g);
      const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
      nodes[key] = { cx, cy, breaks: g.querySelectorAll('br').length };
      const k = clusters.findIndex((c) => cx > c.rect.left && cx < c.rect.right && cy > c.rect.top && cy < c.rect.bottom);
      groupOf[key] = k;
    }
    const shown = [...out.querySelectorAll('foreignObject, text')].map((e) => e.textContent).join('\n');
    return {
      nodes,
      groupOf,
      clusters: clusters.map((c) => ({ text: c.text, x: c.rect.left })),
      text: shown,
    };
  }, [text, id]);
  if (result.error) throw new Error(`${name}: Mermaid refuses it: ${result.error.split('\n').slice(0, 4).join(' ')}`);
  return result;
}
