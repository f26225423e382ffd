// Prints every file of the release dist/ with raw and gzip bytes, the total, and the distance to the size goal.
// Usage: node scripts/size-report.mjs [dist] [--check]   (--check exits 1 above the hard ceiling)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const GOAL = 100 * 1024;     // the whole first load, gzip
const CEILING = 150 * 1024;  // the test command fails above this
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) || 'dist';
const check = args.includes('--check');

// The first load is index.html and exactly what it references: stylesheets (not disabled ones), scripts with
// `src`, modulepreload and preload links, and what those scripts import or name (see below). The extras module (strata-extras-*,
// fetched by globalThis.strataExtras() when the app first needs it, with the stylesheets the page has disabled)
// and the catalogue page (fetched by globalThis.strataCatalogue() when the catalogue comes into view) are
// listed as on demand; the extras' build that also reads organisation catalogues (strata-extras-org-*, fetched
// by globalThis.strataExtras(true) when one is loaded) as "with an organisation catalogue"; other artefacts
// (the offline single file, the zip, the catalogue format's files) are listed but not counted.
const ON_DEMAND = /^(strata-extras-[0-9a-f]+(\.js|_bg\.wasm)|catalogue\.html)$/;
const ORGANISATION = /^strata-extras-org-[0-9a-f]+(\.js|_bg\.wasm)$/;
const onDemand = new Set(); // and the page's disabled stylesheets (found below)

/** Bundle-relative paths of the files a tag attribute or an import names (local files only). */
const local = (url, base = '') => {
  if (!url || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url) || url.startsWith('/')) return null;
  const rel = path.posix.normalize(path.posix.join(base, url.split(/[?#]/)[0]));
  return rel.startsWith('..') ? null : rel;
};
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[1] ?? m[2] ?? m[3]).replace(/&amp;/g, '&') : null;
};
function firstLoad() {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = new Set(['index.html']);
  const modules = [];
  for (const [tag, name] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    if (name.toLowerCase() === 'script') {
      const src = local(attr(tag, 'src'));
      if (src) { files.add(src); modules.push(src); }
    } else {
      const rel = (attr(tag, 'rel') || '').toLowerCase().split(/\s+/);
      const href = local(attr(tag, 'href'));
      // A disabled stylesheet is not fetched: the diagrams' one comes with the on-demand module.
      const disabled = /\sdisabled(\s|=|>|$)/i.test(tag);
      if (href && disabled) onDemand.add(href);
      if (href && !disabled && rel.some((r) => ['stylesheet', 'modulepreload', 'preload'].includes(r))) {
        files.add(href);
        if (rel.includes('modulepreload')) modules.push(href);
      }
    }
  }
  // What those scripts load: static imports, and the dynamic `import(…)`s and wasm files they name (the boot
  // script fetches the app's glue and wasm right after the first paint), except the on-demand files.
  while (modules.length) {
    const file = modules.pop();
    if (!/\.m?js$/.test(file) || !fs.existsSync(path.join(dir, file))) continue;
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    const named = [
      ...code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      // (wasm-bindgen's glue also names its default wasm file, which no page fetches: only files that exist.)
      ...[...code.matchAll(/["']([^"'\s]+\.wasm)["']/g)].filter((m) => fs.existsSync(path.join(dir, path.posix.dirname(file), m[1]))),
    ];
    for (const m of named) {
      const dep = local(m[1], path.posix.dirname(file));
      const later = ON_DEMAND.test(path.posix.basename(dep)) || ORGANISATION.test(path.posix.basename(dep));
      if (dep && !files.has(dep) && !later) { files.add(dep); modules.push(dep); }
    }
  }
  return files;
}

const counted = firstLoad();
const rows = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort().map((file) => {
  const bytes = fs.readFileSync(path.join(dir, file));
  return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const missing = [...counted].filter((f) => !rows.some((r) => r.file === f));
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
let raw = 0, gzip = 0, lazyRaw = 0, lazyGzip = 0, orgRaw = 0, orgGzip = 0;
for (const r of rows) {
  const first = counted.has(r.file);
  const lazy = !first && (ON_DEMAND.test(r.file) || onDemand.has(r.file));
  const org = !first && ORGANISATION.test(r.file);
  if (first) { raw += r.raw; gzip += r.gzip; }
  if (lazy) { lazyRaw += r.raw; lazyGzip += r.gzip; }
  if (org) { orgRaw += r.raw; orgGzip += r.gzip; }
  r.label = r.file + (first ? '' : lazy ? ' (on demand)' : org ? ' (with an organisation catalogue)' : ' (not in first load)');
}
const width = Math.max(44, ...rows.map((r) => r.label.length + 1));
console.log(`${'file'.padEnd(width)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
for (const r of rows) console.log(`${r.label.padEnd(width)}${kb(r.raw)}${kb(r.gzip)}`);
console.log(`${'first load total'.padEnd(width)}${kb(raw)}${kb(gzip)}`);
console.log(`${'on demand total'.padEnd(width)}${kb(lazyRaw)}${kb(lazyGzip)}`);
console.log(`${'with an organisation catalogue, instead'.padEnd(width)}${kb(orgRaw)}${kb(orgGzip)}`);
const toGoal = gzip - GOAL;
console.log(toGoal > 0
  ? `goal ${GOAL / 1024} KB gzip: ${(toGoal / 1024).toFixed(1)} KB over`
  : `goal ${GOAL / 1024} KB gzip: ${(-toGoal / 1024).toFixed(1)} KB under`);
console.log(`ceiling ${CEILING / 1024} KB gzip: ${((CEILING - gzip) / 1024).toFixed(1)} KB of headroom`);
if (missing.length) {
  console.error(`size: index.html references files that are not in ${dir}: ${missing.join(', ')}`);
  if (check) process.exit(1);
}
if (check && gzip > CEILING) {
  console.error(`size: first load is ${(gzip / 1024).toFixed(1)} KB gzip, above the ${CEILING / 1024} KB ceiling`);
  process.exit(1);
}
