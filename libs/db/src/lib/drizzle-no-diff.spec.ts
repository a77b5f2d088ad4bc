import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const migrations = join(root, 'libs/db/migrations');

/**
 * `npm run db:generate` diffs the schema against the newest snapshot in migrations/meta. A migration
 * without its snapshot, or a schema change without its migration, makes the next generate emit SQL
 * for changes already applied (or miss them). This runs drizzle-kit on a copy of the migrations.
 */
describe('drizzle migrations', () => {
  it('match the schema: drizzle-kit generate finds no changes', () => {
    const out = mkdtempSync(join(tmpdir(), 'drizzle-no-diff-'));
    try {
      cpSync(migrations, out, { recursive: true });
      const before = readdirSync(out).sort();
      // drizzle-kit reads --out relative to the working directory (it prefixes "./").
      const run = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/drizzle-kit/bin.cjs'),
          'generate',
          '--dialect',
          'postgresql',
          '--schema',
          './libs/db/src/lib/schema/index.ts',
          '--out',
          relative(root, out),
        ],
        { cwd: root, encoding: 'utf8' },
      );
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status).toBe(0);
      expect(readdirSync(out).sort()).toEqual(before);
      expect(output).toContain('No schema changes');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('keep a snapshot for every journal entry', () => {
    const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    for (const entry of journal.entries) {
      expect(existsSync(join(migrations, `${entry.tag}.sql`))).toBe(true);
      expect(existsSync(join(migrations, 'meta', `${String(entry.idx).padStart(4, '0')}_snapshot.json`))).toBe(true);
    }
  });
});
