import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { migrateDatabase, openDatabase, resolveMigrationsDir } from '@mini-crm/db';

/**
 * A migrated PGlite data directory, dumped once and shared by every test file through a file in the
 * temp directory. A new in-memory PGlite runs initdb, then every migration (≈ 3.2 s here); loading the
 * dump takes ≈ 1.7 s, and each test database still starts empty and migrated. The file's name carries a
 * hash of the migrations, the PGlite version and the day (migrations may depend on the date), so a
 * changed migration or package never loads a stale schema; concurrent jest workers each write their own
 * copy and rename it into place. Within one test file the dump is read once.
 */
export function migratedPgliteSnapshot(): Promise<Blob> {
  snapshot ??= loadOrDumpSnapshot().catch((e: unknown) => {
    snapshot = undefined;
    throw e;
  });
  return snapshot;
}

let snapshot: Promise<Blob> | undefined;

async function loadOrDumpSnapshot(): Promise<Blob> {
  const migrations = resolveMigrationsDir();
  const file = join(tmpdir(), `${PREFIX}${snapshotKey(migrations)}.tar`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);
  await removeOldSnapshots();
  const handle = await openDatabase({});
  try {
    await migrateDatabase(handle, migrations);
    const dump = await (handle.pglite as NonNullable<typeof handle.pglite>).dumpDataDir('none');
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await handle.close();
  }
}

const PREFIX = 'mini-crm-pglite-';
const DAY_MS = 86_400_000;

/** Yesterday's dumps (and other checkouts' stale ones): 43 MB each, never read again. */
async function removeOldSnapshots(): Promise<void> {
  const dir = tmpdir();
  for (const name of await readdir(dir)) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(dir, name);
    const s = await stat(path).catch(() => null);
    if (s && Date.now() - s.mtimeMs > DAY_MS) await rm(path, { force: true });
  }
}

function snapshotKey(migrationsDir: string): string {
  const h = createHash('sha256');
  h.update(pgliteVersion());
  h.update(new Date().toISOString().slice(0, 10));
  for (const path of filesUnder(migrationsDir)) h.update(path).update(readFileSync(join(migrationsDir, path)));
  return h.digest('hex').slice(0, 16);
}

function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(root, join(prefix, e.name)) : [join(prefix, e.name)]));
}

/** The package does not export its package.json; it sits two folders above the resolved entry. */
function pgliteVersion(): string {
  const pkg = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}
