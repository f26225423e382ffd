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

// The first load is what index.html pulls in; other artefacts (the offline single file, the zip) are listed
// but not counted.
const FIRST_LOAD = /\.(html|js|wasm|css)$/;
const OFFLINE = /^(strata-offline\.html|strata-dist\.zip)$/;

const rows = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort().map((file) => {
  const bytes = fs.readFileSync(path.join(dir, file));
  return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
console.log(`${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
let raw = 0, gzip = 0;
for (const r of rows) {
  const counted = FIRST_LOAD.test(r.file) && !OFFLINE.test(r.file);
  if (counted) { raw += r.raw; gzip += r.gzip; }
  console.log(`${(r.file + (counted ? '' : ' (not in first load)')).padEnd(44)}${kb(r.raw)}${kb(r.gzip)}`);
}
console.log(`${'first load total'.padEnd(44)}${kb(raw)}${kb(gzip)}`);
const toGoal = gzip - GOAL;
console.log(toGoal > 0
  ? `goal ${GOAL / 1024} KB gzip: ${(toGoal / 1024).toFixed(1)} KB over`
  : `goal ${GOAL / 1024} KB gzip: ${(-toGoal / 1024).toFixed(1)} KB under`);
console.log(`ceiling ${CEILING / 1024} KB gzip: ${((CEILING - gzip) / 1024).toFixed(1)} KB of headroom`);
if (check && gzip > CEILING) {
  console.error(`size: first load is ${(gzip / 1024).toFixed(1)} KB gzip, above the ${CEILING / 1024} KB ceiling`);
  process.exit(1);
}
