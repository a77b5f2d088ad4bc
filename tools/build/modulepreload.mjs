#!/usr/bin/env node
// Adds a `<link rel="modulepreload">` to a built console's index.html for every chunk the entry scripts import
// statically (transitively). The Angular builder writes at most 10 such hints; the chunks past the tenth were found
// only once the first ones had been parsed, a second round trip before the app could start (bench:console).
// Run by `nx build console` after the Angular build, before precompress: `node tools/build/modulepreload.mjs <dir>`.
// Prints one summary line.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// esbuild's static imports between chunks: `import{a as b}from"./chunk-X.js"` or `import"./chunk-X.js"` (never `import(`)
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([\w.-]+\.js)["']/g;
const ENTRY = /<script src="([\w.-]+\.js)" type="module"><\/script>/g;
const PRELOAD = /<link rel="modulepreload" href="([\w.-]+\.js)">/g;

/** Entry scripts and every chunk they import statically, in discovery order (entries excluded). */
async function staticChunks(dir, entries) {
  const seen = new Set(entries);
  const queue = [...entries];
  const chunks = [];
  while (queue.length) {
    const source = await readFile(join(dir, queue.shift()), 'utf8');
    for (const [, file] of source.matchAll(STATIC_IMPORT)) {
      if (seen.has(file)) continue;
      seen.add(file);
      chunks.push(file);
      queue.push(file);
    }
  }
  return chunks;
}

export async function addModulePreloads(dir) {
  const indexPath = join(dir, 'index.html');
  const html = await readFile(indexPath, 'utf8');
  const entries = [...html.matchAll(ENTRY)].map((m) => m[1]);
  const hinted = new Set([...html.matchAll(PRELOAD)].map((m) => m[1]));
  const missing = (await staticChunks(dir, entries)).filter((f) => !hinted.has(f));
  const firstEntry = html.indexOf('<script src=');
  if (missing.length && firstEntry >= 0) {
    const links = missing.map((f) => `<link rel="modulepreload" href="${f}">`).join('');
    await writeFile(indexPath, html.slice(0, firstEntry) + links + html.slice(firstEntry));
  }
  return { hinted: hinted.size, added: missing.length };
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/build/modulepreload.mjs <built console dir>');
  process.exit(1);
}
const { hinted, added } = await addModulePreloads(dir);
console.log(`[modulepreload] ${dir}/index.html: ${hinted} hints from the build, ${added} added`);
