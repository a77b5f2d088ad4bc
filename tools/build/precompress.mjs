#!/usr/bin/env node
// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) next to every compressible file of a
// built console, so the API serves them as they are (@fastify/static `preCompressed`) instead of compressing on
// each request. Run by `nx build console` after the Angular build: `node tools/build/precompress.mjs <dir>`.
// A variant that would not save at least 5 % (or a file under 1 KB) is not written; the server then sends the
// original. Prints one summary line.
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|ico|webmanifest)$/;
const MIN_BYTES = 1024;
const MIN_SAVING = 0.05;

const variants = [
  {
    ext: '.br',
    compress: promisify(brotliCompress),
    options: (size) => ({
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    }),
  },
  { ext: '.gz', compress: promisify(gzip), options: () => ({ level: 9 }) },
];

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield path;
  }
}

/** Compresses every compressible file under `dir`; answers the byte totals. */
export async function precompress(dir) {
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  const jobs = [];
  for await (const path of files(dir)) {
    jobs.push(
      (async () => {
        const { size } = await stat(path);
        totals.files++;
        totals.raw += size;
        const body = size >= MIN_BYTES ? await readFile(path) : null;
        for (const v of variants) {
          const target = path + v.ext;
          const packed = body ? await v.compress(body, v.options(size)) : null;
          if (packed && packed.length <= size * (1 - MIN_SAVING)) {
            await writeFile(target, packed);
            totals[v.ext.slice(1)] += packed.length;
          } else {
            await unlink(target).catch(() => undefined); // never leave a stale variant behind
            totals[v.ext.slice(1)] += size;
          }
        }
      })(),
    );
  }
  await Promise.all(jobs);
  return totals;
}

const dir = process.argv[2];
if (dir) {
  const started = Date.now();
  const t = await precompress(dir);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `[precompress] ${t.files} files in ${dir}: ${kb(t.raw)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
